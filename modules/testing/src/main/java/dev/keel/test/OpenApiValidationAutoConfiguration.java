package dev.keel.test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Validates every MockMvc response of a test against the OpenAPI document the same application context
 * serves ({@link OpenApiValidation}). Imported wherever {@code @AutoConfigureMockMvc} is (module tests,
 * web slices, application tests) through this jar's
 * {@code META-INF/spring/...AutoConfigureMockMvc.imports}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springdoc.webmvc.api.OpenApiWebMvcResource")
public class OpenApiValidationAutoConfiguration {

    /** Static, as in {@link TestDatabase}: a module test keeps no bean definitions of this package. */
    @Bean
    static MockMvcBuilderCustomizer openApiValidation(WebApplicationContext context) {
        var contract = new AtomicReference<OpenApiContract>();
        return builder -> builder.alwaysDo(result -> {
            if (result.getRequest().isAsyncStarted()) {
                return; // checked when MockMvcTester dispatches the async result
            }
            var request = result.getRequest();
            var response = result.getResponse();
            OpenApiValidation.validate(
                    () -> contract.updateAndGet(known -> known != null ? known : servedDocument(context)),
                    new OpenApiContract.Response(
                            Objects.requireNonNull(request.getMethod()),
                            Objects.requireNonNull(request.getRequestURI())
                                    .substring(request.getContextPath().length()),
                            response.getStatus(),
                            response.getContentType(),
                            new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)));
        });
    }

    /** The document as a client would fetch it, from a MockMvc of its own so that it is not checked itself. */
    private static OpenApiContract servedDocument(WebApplicationContext context) {
        var path = context.getEnvironment().getProperty("springdoc.api-docs.path", "/v3/api-docs");
        try {
            MvcResult served = MockMvcBuilders.webAppContextSetup(context)
                    .build()
                    .perform(get(path))
                    .andReturn();
            if (served.getResponse().getStatus() != 200) {
                throw new IllegalStateException(
                        path + " answered " + served.getResponse().getStatus() + ": no document to validate against");
            }
            return OpenApiContract.of(new String(served.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the OpenAPI document at " + path, e);
        }
    }
}
