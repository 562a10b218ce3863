package dev.keel.platform.openapi;

import dev.keel.platform.idempotency.IdempotencyFilter;
import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ProblemCodes;
import dev.keel.platform.web.ProblemResponse;
import dev.keel.platform.web.RateLimited;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents what an operation really answers: the problems its handler declares ({@link ProblemResponse},
 * {@link RateLimited}), the ones that follow from its shape (a body or parameters, a token, an admin path, a path
 * id, a write, {@code If-Match}, the idempotency keys of POST, the client rate limit of every API path), and the
 * headers its answers carry ({@code Location}, {@link ETagged}, {@code Idempotent-Replayed}, the rate limit). Each
 * problem response lists its {@code code} values in its description and in {@value #CODES}.
 */
final class OperationResponses implements OperationCustomizer {

    static final String CODES = "x-problem-codes";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String ADMIN_PATHS = "/api/v1/admin/";
    private static final Map<Integer, String> WHAT = Map.ofEntries(
            Map.entry(400, "Invalid input"),
            Map.entry(401, "Missing, invalid or expired access token"),
            Map.entry(402, "The payment was declined"),
            Map.entry(403, "Not allowed"),
            Map.entry(404, "No such resource, or not yours"),
            Map.entry(409, "Conflicts with the current state"),
            Map.entry(412, "The resource changed since the version named in If-Match"),
            Map.entry(413, "The request body is over the size limit"),
            Map.entry(415, "The request body is not JSON"),
            Map.entry(422, "This Idempotency-Key was used with a different request"),
            Map.entry(429, "Too many requests; retry after Retry-After seconds"),
            Map.entry(500, "Unexpected error; quote the traceId"),
            Map.entry(503, "The database cannot be reached; nothing was changed, retry after Retry-After seconds"));

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        var mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        var method = mapping == null || mapping.method().length == 0 ? "GET" : mapping.method()[0].name();
        var path = path(handler, mapping);
        var isPublic =
                operation.getSecurity() != null && operation.getSecurity().isEmpty();
        var idempotent = method.equals("POST") && path.startsWith("/api/") && !path.startsWith("/api/v1/auth/");

        successHeaders(operation, handler, method);
        var problems = new Collected();
        var declared = declaredProblems(handler);
        declared.forEach(problem -> problems.add(problem.status(), problem.description(), problem.codes()));
        if (operation.getRequestBody() != null) {
            problems.add(400, "", ProblemCodes.VALIDATION_FAILED, ProblemCodes.MALFORMED_JSON);
            problems.add(413, "", ProblemCodes.PAYLOAD_TOO_LARGE);
            problems.add(415, "", "unsupported_media_type");
        } else if (idempotent || hasParameter(operation, "query")) {
            problems.add(400, "", ProblemCodes.VALIDATION_FAILED);
        }
        if (!isPublic) {
            problems.add(401, "", ProblemCodes.UNAUTHENTICATED);
            problems.add(403, "the account is disabled", ProblemCodes.ACCOUNT_DISABLED);
        }
        if (path.startsWith(ADMIN_PATHS)) {
            problems.add(403, "the caller is no admin", ProblemCodes.FORBIDDEN);
        }
        if (hasParameter(operation, "path")) {
            problems.add(404, "", ProblemCodes.NOT_FOUND);
        }
        if (!method.equals("GET")) {
            problems.add(409, "a concurrent change won: fetch and retry", ProblemCodes.CONFLICT);
        }
        if (parameter(operation, "header", HttpHeaders.IF_MATCH) != null) {
            problems.add(412, "", ProblemCodes.PRECONDITION_FAILED);
        }
        if (idempotent) {
            idempotency(operation, problems, isPublic);
        }
        var limited = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RateLimited.class);
        // Every API request counts against the client's rate limit (keel.web.client-rate-limit).
        var countedPerClient = path.startsWith("/api/");
        if (limited != null || countedPerClient) {
            problems.add(429, "", ProblemCodes.RATE_LIMITED);
        }
        problems.add(500, "", ProblemCodes.INTERNAL_ERROR);
        problems.add(503, "", ProblemCodes.SERVICE_UNAVAILABLE);
        render(operation, problems.byStatus);
        header(
                operation.getResponses().computeIfAbsent("503", status -> new ApiResponse()),
                HttpHeaders.RETRY_AFTER,
                "Seconds to wait before retrying",
                new IntegerSchema());
        if (limited != null || countedPerClient) {
            rateLimitHeaders(operation, limited, declared);
        }
        if (idempotent) {
            operation.getResponses().forEach((status, response) -> {
                // Refusals of the security filters and the size limit come before a key is looked at.
                if (!List.of("401", "403", "413").contains(status) && !status.startsWith("5")) {
                    header(response, IdempotencyFilter.REPLAYED_HEADER, "true when this is a stored answer replayed");
                }
            });
        }
        sortByStatus(operation);
        return operation;
    }

    private static void successHeaders(Operation operation, HandlerMethod handler, String method) {
        var etagged = handler.hasMethodAnnotation(ETagged.class);
        operation.getResponses().forEach((status, response) -> {
            if (status.equals("201")) {
                header(response, HttpHeaders.LOCATION, "The URL of the new resource");
            }
            if (etagged && status.startsWith("2")) {
                header(response, HttpHeaders.ETAG, "The resource's version; send it as If-None-Match or If-Match");
            }
        });
        if (etagged && method.equals("GET")) {
            var notModified = operation.getResponses().computeIfAbsent("304", status -> new ApiResponse());
            notModified.description("Unchanged since the ETag sent as If-None-Match");
            header(notModified, HttpHeaders.ETAG, "The resource's version");
            operation
                    .getResponses()
                    .computeIfAbsent("412", status -> new ApiResponse())
                    .description("The resource's version is not the one named in If-Match (no body)");
        }
    }

    private static void idempotency(Operation operation, Collected problems, boolean isPublic) {
        var key = parameter(operation, "header", IdempotencyFilter.HEADER);
        if (key == null) {
            key = new HeaderParameter().name(IdempotencyFilter.HEADER);
            operation.addParametersItem(key);
        } else if (Boolean.TRUE.equals(key.getRequired())) {
            problems.add(400, "", "idempotency_key_required");
        }
        // Also where an operation declared the header itself (as required), which gives it no schema.
        if (key.getSchema() == null) {
            key.schema(new StringSchema().minLength(1).maxLength(255));
        }
        if (key.getDescription() == null) {
            key.description("1 to 255 characters; a retry with the same key and body replays the first answer");
        }
        problems.add(409, "the first request with this Idempotency-Key still runs", "request_in_progress");
        if (!isPublic) {
            // Anonymous keys are scoped by the request itself, so only a caller can reuse one for another body.
            problems.add(422, "", "idempotency_key_reused");
        }
    }

    /**
     * The {@code RateLimit-*} headers are on the refusal and, where every attempt is counted, on the answers of
     * the handler (its successes and its own problems), not on input refused before it ran.
     */
    private static void rateLimitHeaders(
            Operation operation, @Nullable RateLimited limited, List<ProblemResponse> declared) {
        var counted = new LinkedHashSet<String>();
        declared.forEach(problem -> counted.add(String.valueOf(problem.status())));
        operation.getResponses().forEach((status, response) -> {
            var refused = status.equals("429");
            var reported = limited != null
                    && limited.reportedOnEveryAnswer()
                    && (status.startsWith("2") || counted.contains(status));
            if (refused || reported) {
                header(response, "RateLimit-Limit", "Attempts allowed per window", new IntegerSchema());
                header(response, "RateLimit-Remaining", "Attempts left in this window", new IntegerSchema());
                header(response, "RateLimit-Reset", "Seconds until the window is full again", new IntegerSchema());
            }
            if (refused) {
                header(response, HttpHeaders.RETRY_AFTER, "Seconds to wait before trying again", new IntegerSchema());
            }
        });
    }

    /** Renders the problems collected for each status as one response: a status can carry several codes. */
    private static void render(Operation operation, Map<Integer, Problem> problems) {
        problems.forEach((status, problem) -> {
            var response = operation.getResponses().computeIfAbsent(String.valueOf(status), key -> new ApiResponse());
            var what = WHAT.getOrDefault(status, HttpStatus.valueOf(status).getReasonPhrase());
            response.description(what
                    + (problem.reasons.isEmpty() ? "" : " (" + String.join("; ", problem.reasons) + ")")
                    + ". Codes: "
                    + String.join(
                            ", ",
                            problem.codes.stream().map(code -> "`" + code + "`").toList()));
            response.addExtension(CODES, List.copyOf(problem.codes));
            if (response.getContent() == null || response.getContent().isEmpty()) {
                response.content(new Content()
                        .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
            }
        });
    }

    /** The codes one status can carry, and when it is answered where the codes do not say it. */
    private static final class Problem {

        final Set<String> codes = new LinkedHashSet<>();
        final Set<String> reasons = new LinkedHashSet<>();
    }

    /** The problems of one operation, by status. */
    private static final class Collected {

        final Map<Integer, Problem> byStatus = new TreeMap<>();

        void add(int status, String reason, String... codes) {
            var problem = byStatus.computeIfAbsent(status, key -> new Problem());
            problem.codes.addAll(List.of(codes));
            if (!reason.isEmpty()) {
                problem.reasons.add(reason);
            }
        }
    }

    private static void header(ApiResponse response, String name, String description) {
        header(response, name, description, new StringSchema());
    }

    private static void header(ApiResponse response, String name, String description, Schema<?> schema) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeaderObject(name, new Header().description(description).schema(schema));
        }
    }

    private static boolean hasParameter(Operation operation, String in) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> in.equals(parameter.getIn()));
    }

    private static @Nullable Parameter parameter(Operation operation, String in, String name) {
        if (operation.getParameters() == null) {
            return null;
        }
        return operation.getParameters().stream()
                .filter(parameter -> in.equals(parameter.getIn()) && name.equalsIgnoreCase(parameter.getName()))
                .findFirst()
                .orElse(null);
    }

    private static List<ProblemResponse> declaredProblems(HandlerMethod handler) {
        var declared = new ArrayList<>(
                AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getBeanType(), ProblemResponse.class));
        declared.addAll(
                AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), ProblemResponse.class));
        return declared;
    }

    private static String path(HandlerMethod handler, @Nullable RequestMapping mapping) {
        return first(AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class))
                + first(mapping);
    }

    private static String first(@Nullable RequestMapping mapping) {
        return mapping == null || mapping.path().length == 0 ? "" : mapping.path()[0];
    }

    private static void sortByStatus(Operation operation) {
        var sorted = new TreeMap<String, ApiResponse>(operation.getResponses());
        var responses = new ApiResponses();
        sorted.forEach(responses::addApiResponse);
        responses.setExtensions(operation.getResponses().getExtensions());
        operation.responses(responses);
    }
}
