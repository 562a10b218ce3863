package dev.keel.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Comparator;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: a Bearer scheme so Swagger UI's "Authorize" works, and the problem responses
 * every operation can give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Map<String, String> COMMON_PROBLEMS = Map.of(
            "400", "Invalid input (validation_failed, malformed_json, ...)",
            "401", "Missing, invalid or expired access token (unauthenticated)",
            "404", "No such resource, or not yours (not_found)",
            "500", "Unexpected error (internal_error); quote the traceId");

    @Bean
    OpenAPI keelOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Keel API")
                        .version("v1")
                        .description("Accounts, billing and notifications for SaaS products. Errors are RFC 9457 "
                                + "problems with a stable `code` and a `traceId`."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from POST /api/v1/auth/token"))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Swagger UI shows the groups in the document's tag order: signing in and the caller's account first,
     * the caller's other resources by name, the admin groups last.
     */
    @Bean
    OpenApiCustomizer tagOrder() {
        return openApi -> {
            var tags = openApi.getTags();
            if (tags != null) {
                tags.sort(Comparator.comparingInt((Tag tag) -> tagRank(tag.getName()))
                        .thenComparing(Tag::getName));
            }
        };
    }

    static int tagRank(String tag) {
        return switch (tag) {
            case "auth" -> 0;
            case "users" -> 1;
            default -> tag.startsWith("admin") ? 3 : 2;
        };
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            var responses = operation.getResponses();
            // A public operation (security: []) never answers 401.
            var isPublic =
                    operation.getSecurity() != null && operation.getSecurity().isEmpty();
            COMMON_PROBLEMS.forEach((status, description) -> {
                if (!responses.containsKey(status) && !(isPublic && status.equals("401"))) {
                    responses.addApiResponse(
                            status,
                            new ApiResponse()
                                    .description(description)
                                    .content(new Content()
                                            .addMediaType(
                                                    "application/problem+json",
                                                    new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)))));
                }
            });
            return operation;
        };
    }

    private static Schema<?> problemSchema() {
        var violation = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("code", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("urn:keel:problem:<code>")
                                .example("urn:keel:problem:validation_failed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("code", new StringSchema().description("Stable snake_case error code"))
                .addProperty("traceId", new StringSchema().description("Also sent as X-Request-Id"))
                .addProperty("errors", new ArraySchema().items(violation));
    }
}
