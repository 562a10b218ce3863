package dev.keel.test;

import dev.keel.test.OpenApiContract.Response;
import dev.keel.test.OpenApiContract.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every response a test receives is held against the OpenAPI document of the application that gave it:
 * MockMvc's through {@link OpenApiValidationAutoConfiguration}, real HTTP ones through
 * {@link #validate(HttpResponse)}.
 * {@code -Dkeel.test.openapi-validation=strict} (the default) fails the request that broke the document;
 * {@code report} lets it pass and lists every distinct violation, with how often it happened, in the file
 * named by {@code keel.test.openapi-validation.report} (default {@code target/openapi-validation.txt})
 * when the test JVM ends.
 */
public final class OpenApiValidation {

    /** Served beside the API, not part of it. */
    private static final List<String> NOT_API = List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/error");

    private static final boolean STRICT = !System.getProperty("keel.test.openapi-validation", "strict")
            .toLowerCase(Locale.ROOT)
            .equals("report");

    private static final Path REPORT =
            Path.of(System.getProperty("keel.test.openapi-validation.report", "target/openapi-validation.txt"));

    private static final AtomicInteger VALIDATED = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();
    private static final Map<String, Integer> VIOLATIONS = new TreeMap<>();
    private static final Map<String, String> EXAMPLES = new TreeMap<>();
    private static final Map<URI, OpenApiContract> SERVED = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        if (!STRICT) {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenApiValidation::writeReport));
        }
    }

    private OpenApiValidation() {}

    /**
     * Checks one response, failing with method, path, status and reason when it breaks the contract. The
     * contract is asked for only when the response is one of the API's.
     */
    public static void validate(Supplier<OpenApiContract> contract, Response response) {
        if (NOT_API.stream().anyMatch(response.path()::startsWith)) {
            SKIPPED.incrementAndGet();
            return;
        }
        VALIDATED.incrementAndGet();
        var violations = contract.get().check(response);
        if (violations.isEmpty()) {
            return;
        }
        if (STRICT) {
            throw new AssertionError(response.describe() + ", which the OpenAPI document does not allow: "
                    + violations.stream().map(Violation::line).collect(Collectors.joining("; ")));
        }
        synchronized (VIOLATIONS) {
            for (var violation : violations) {
                VIOLATIONS.merge(violation.line(), 1, Integer::sum);
                EXAMPLES.putIfAbsent(violation.line(), violation.request());
            }
        }
    }

    /**
     * Checks a response that a test received over real HTTP against the document its server serves at
     * {@code /v3/api-docs}, and hands it back.
     */
    public static HttpResponse<String> validate(HttpResponse<String> response) {
        validate(
                response.uri(),
                response.request().method(),
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.body());
        return response;
    }

    /** Checks a response that any HTTP client received from a server that serves its document. */
    public static void validate(URI uri, String method, int status, @Nullable String contentType, String body) {
        var origin = uri.resolve("/");
        validate(
                () -> SERVED.computeIfAbsent(origin, OpenApiValidation::fetch),
                new Response(method, uri.getRawPath(), status, contentType, body));
    }

    private static OpenApiContract fetch(URI origin) {
        try {
            var served = HTTP.send(
                    HttpRequest.newBuilder(origin.resolve("/v3/api-docs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() != 200) {
                throw new IllegalStateException(
                        origin + "v3/api-docs answered " + served.statusCode() + ": no document to validate against");
            }
            return OpenApiContract.of(served.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeReport() {
        var lines = new ArrayList<String>();
        synchronized (VIOLATIONS) {
            lines.add("# OpenAPI validation: %d responses validated, %d not API, %d distinct violations"
                    .formatted(VALIDATED.get(), SKIPPED.get(), VIOLATIONS.size()));
            VIOLATIONS.forEach(
                    (line, count) -> lines.add(line + "  (x" + count + ", e.g. " + EXAMPLES.get(line) + ")"));
        }
        try {
            Files.createDirectories(REPORT.toAbsolutePath().getParent());
            Files.write(REPORT, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
