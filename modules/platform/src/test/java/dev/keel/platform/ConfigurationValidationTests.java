package dev.keel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class ConfigurationValidationTests {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PlatformConfiguration.class);

    @Test
    void refusesToStartWithoutSigningSecretAndNamesIt() {
        context.run(started -> assertThat(started)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("keel.security")
                .hasMessageContaining("jwtSecret"));
    }

    @Test
    void refusesShortSigningSecrets() {
        context.withPropertyValues("keel.security.jwt-secret=too-short")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("at least 32 characters"));
    }

    @Test
    void refusesMalformedValuesAndNamesTheProperty() {
        context.withPropertyValues(
                        "keel.security.jwt-secret=a-secret-of-at-least-thirty-two-characters",
                        "keel.web.max-request-size=lots")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("keel.web.max-request-size"));
    }

    @Test
    void refusesDurationsAndSizesThatWouldBreakEveryRequest() {
        for (var bad : new String[] {
            "keel.security.access-token-ttl=PT0S",
            "keel.web.max-request-size=0",
            "keel.web.client-rate-limit.requests=0",
            "keel.web.client-rate-limit.window=500ms",
            "keel.web.client-rate-limit.max-clients=0"
        }) {
            context.withPropertyValues("keel.security.jwt-secret=a-secret-of-at-least-thirty-two-characters", bad)
                    .run(started -> assertThat(started).as(bad).hasFailed());
        }
    }

    @Test
    void startsWithValidSettings() {
        context.withPropertyValues("keel.security.jwt-secret=a-secret-of-at-least-thirty-two-characters")
                .run(started -> assertThat(started).hasNotFailed());
    }
}
