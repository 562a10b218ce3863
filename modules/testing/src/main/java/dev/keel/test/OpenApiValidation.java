package dev.keel.test;

import dev.keel.test.OpenApiContract.Response;
import dev.keel.test.OpenApiContract.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every response a test receives is held against the OpenAPI document of the application that gave it.
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

    static {
        if (!STRICT) {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenApiValidation::writeReport));
        }
    }

    private OpenApiValidation() {}

    /** Checks one response, failing with method, path, status and reason when it breaks the contract. */
    public static void validate(OpenApiContract contract, Response response) {
        if (NOT_API.stream().anyMatch(response.path()::startsWith)) {
            SKIPPED.incrementAndGet();
            return;
        }
        VALIDATED.incrementAndGet();
        contract.check(response).ifPresent(OpenApiValidation::violated);
    }

    private static void violated(Violation violation) {
        if (STRICT) {
            throw new AssertionError(violation.request() + ", which the OpenAPI document does not allow: "
                    + violation.reason() + " [" + violation.operation() + "]");
        }
        synchronized (VIOLATIONS) {
            VIOLATIONS.merge(violation.line(), 1, Integer::sum);
            EXAMPLES.putIfAbsent(violation.line(), violation.request());
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
