package dev.keel.test;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAPI 3.1 document as a contract for responses: the operation a request reached (path template and
 * method), the statuses it documents, the media types of each status and their JSON Schemas, which
 * json-schema-validator checks with {@code $ref}s resolved inside the document and formats asserted.
 */
public final class OpenApiContract {

    /** Where the document "lives" for the schema registry: a name for $ref resolution, never fetched. */
    private static final String LOCATION = "https://keel.test/openapi.json";

    private static final int MAX_SCHEMA_ERRORS = 5;

    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final List<PathTemplate> paths;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(String json) {
        this.document = JsonMapper.builder().build().readTree(json);
        this.schemas = SchemaRegistry.withDialect(
                Dialects.getOpenApi31(),
                registry -> registry.schemas(Map.of(LOCATION, json))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
        this.paths = document.path("paths").propertyNames().stream()
                .map(PathTemplate::new)
                .toList();
    }

    public static OpenApiContract of(String json) {
        return new OpenApiContract(json);
    }

    /** One response as the test received it. */
    public record Response(
            String method,
            String path,
            int status,
            @Nullable String contentType,
            String body) {

        String describe() {
            return method + " " + path + " answered " + status;
        }
    }

    /** A response the document does not allow: the operation it reached, its status, and why not. */
    public record Violation(String operation, int status, String reason, String request) {

        public String line() {
            return operation + " " + status + ": " + reason;
        }
    }

    /**
     * What is wrong with the response according to the document: nothing, a missing operation, status or
     * media type, or the first few errors of its body against the schema. A request for a path the
     * document does not know that the application answered with 404 or 405 agrees with the document.
     */
    public List<Violation> check(Response response) {
        var template = operationPath(response.path(), response.method());
        if (template == null) {
            if (response.status() == 404 || response.status() == 405) {
                return List.of();
            }
            return violation(response.method() + " " + response.path(), response, "no such operation in the document");
        }
        var operation = response.method() + " " + template;
        var responses = document.path("paths")
                .path(template)
                .path(response.method().toLowerCase(Locale.ROOT))
                .path("responses");
        var statusKey = statusKey(responses, response.status());
        if (statusKey == null) {
            return violation(
                    operation,
                    response,
                    "status not documented (documented: " + String.join(", ", responses.propertyNames()) + ")");
        }
        var content = responses.path(statusKey).path("content");
        var bodyless = response.body().isEmpty();
        if (bodyless) {
            if (response.status() / 100 == 2 && !content.isMissingNode() && !content.isEmpty()) {
                return violation(
                        operation,
                        response,
                        "no body, but the document promises " + String.join(", ", content.propertyNames()));
            }
            return List.of();
        }
        if (content.isMissingNode() || content.isEmpty()) {
            return violation(
                    operation, response, "a body (" + response.contentType() + "), but the document describes none");
        }
        if (response.contentType() == null) {
            return violation(operation, response, "a body without Content-Type");
        }
        var actual = MediaType.parseMediaType(response.contentType());
        var documented = content.propertyNames().stream()
                .filter(type -> MediaType.parseMediaType(type).includes(actual))
                .findFirst();
        if (documented.isEmpty()) {
            return violation(
                    operation,
                    response,
                    "Content-Type " + actual + " not documented (documented: "
                            + String.join(", ", content.propertyNames()) + ")");
        }
        if (!isJson(actual) || content.path(documented.get()).path("schema").isMissingNode()) {
            return List.of();
        }
        var pointer = pointer(
                "paths",
                template,
                response.method().toLowerCase(Locale.ROOT),
                "responses",
                statusKey,
                "content",
                documented.get(),
                "schema");
        return compiled.computeIfAbsent(pointer, this::schemaAt).validate(response.body(), InputFormat.JSON).stream()
                .limit(MAX_SCHEMA_ERRORS)
                .map(error -> new Violation(
                        operation,
                        response.status(),
                        "body " + jsonPath(error.getInstanceLocation().toString()) + " " + error.getMessage(),
                        response.describe()))
                .toList();
    }

    /** {@code /items/0/paidAt} as {@code $.items[*].paidAt}: one reason for every element it applies to. */
    private static String jsonPath(String pointer) {
        return "$" + pointer.replaceAll("/\\d+(?=/|$)", "[*]").replace('/', '.');
    }

    private static List<Violation> violation(String operation, Response response, String reason) {
        return List.of(new Violation(operation, response.status(), reason, response.describe()));
    }

    /** The document's path for the request: the one with the most literal segments, as Spring matches. */
    private @Nullable String operationPath(String path, String method) {
        var segments = PathTemplate.segments(path);
        return paths.stream()
                .filter(template -> template.matches(segments))
                .filter(template -> document.path("paths").path(template.path).has(method.toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(PathTemplate::literals))
                .map(template -> template.path)
                .orElse(null);
    }

    private static @Nullable String statusKey(JsonNode responses, int status) {
        for (var key : List.of(String.valueOf(status), status / 100 + "XX", "default")) {
            if (responses.has(key)) {
                return key;
            }
        }
        return null;
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    private Schema schemaAt(String pointer) {
        return schemas.getSchema(SchemaLocation.of(LOCATION + "#" + pointer));
    }

    /** A JSON Pointer (RFC 6901) to a node of the document. */
    private static String pointer(String... tokens) {
        var pointer = new StringBuilder();
        for (var token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static final class PathTemplate {

        final String path;
        final List<String> segments;

        PathTemplate(String path) {
            this.path = path;
            this.segments = segments(path);
        }

        static List<String> segments(String path) {
            var segments = new ArrayList<String>();
            for (var segment : path.split("/", -1)) {
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
            }
            return segments;
        }

        boolean matches(List<String> actual) {
            if (actual.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (!isVariable(segments.get(i)) && !segments.get(i).equals(actual.get(i))) {
                    return false;
                }
            }
            return true;
        }

        int literals() {
            return (int)
                    segments.stream().filter(segment -> !isVariable(segment)).count();
        }

        private static boolean isVariable(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }
}
