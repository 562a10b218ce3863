package dev.keel.platform.openapi;

import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import java.util.Arrays;
import java.util.Comparator;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: a Bearer scheme so Swagger UI's "Authorize" works, what each operation answers (see
 * {@link OperationResponses}), and the constraints of request fields.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    /** Some character that is not white space: what {@code @NotBlank} asks of a string. */
    private static final String NOT_BLANK = "\\S";

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
    OperationCustomizer operationResponses() {
        return new OperationResponses();
    }

    /**
     * A string that {@code @NotBlank} refuses blank says so, even where a {@code @Size} without a minimum made
     * swagger write {@code minLength: 0}: at least one character, and one that is not white space.
     */
    @Bean
    ModelConverter nullableComponents() {
        return new NullableComponents();
    }

    @Bean
    PropertyCustomizer blankRefusingStrings() {
        return (property, type) -> {
            var annotations = type.getCtxAnnotations();
            var string = "string".equals(property.getType())
                    || (property.getTypes() != null && property.getTypes().contains("string"));
            if (string && annotations != null && Arrays.stream(annotations).anyMatch(NotBlank.class::isInstance)) {
                if (property.getPattern() == null) {
                    property.setPattern(NOT_BLANK);
                }
                raiseMinLength(property);
            }
            return property;
        };
    }

    /** Swagger applies {@code @Size} after the property customizers, so the minimum is raised once more here. */
    @Bean
    OpenApiCustomizer blankRefusingStringsNeedACharacter() {
        return openApi -> {
            var components = openApi.getComponents();
            if (components == null || components.getSchemas() == null) {
                return;
            }
            for (Schema<?> schema : components.getSchemas().values()) {
                if (schema.getProperties() != null) {
                    for (Schema<?> property : schema.getProperties().values()) {
                        if (NOT_BLANK.equals(property.getPattern())) {
                            raiseMinLength(property);
                        }
                    }
                }
            }
        };
    }

    private static void raiseMinLength(Schema<?> property) {
        if (property.getMinLength() == null || property.getMinLength() < 1) {
            property.setMinLength(1);
        }
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
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().description("Stable snake_case error code"))
                .addProperty("traceId", new StringSchema().description("Also sent as X-Request-Id"))
                .addProperty("errors", new ArraySchema().items(violation));
    }
}
