package dev.keel.platform.tracing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Tracing costs next to nothing where spans go nowhere: without an OTLP endpoint
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}) no trace is sampled of Keel's own accord,
 * so no span is recorded; trace ids are still made and propagated, and a trace an upstream service sampled
 * stays sampled downstream. With an endpoint, Spring Boot's sampling probability applies (0.1 unless set).
 * The default sits below every other property source, so a configured probability always wins.
 */
class TracingDefaults implements EnvironmentPostProcessor {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String PROBABILITY = "management.tracing.sampling.probability";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!StringUtils.hasText(environment.getProperty(ENDPOINT))) {
            environment.getPropertySources().addLast(new MapPropertySource("keelTracing", Map.of(PROBABILITY, 0.0)));
        }
    }
}
