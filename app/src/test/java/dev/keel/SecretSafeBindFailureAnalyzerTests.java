package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** A refused secret setting is reported by name, origin and reason, never by its value. */
class SecretSafeBindFailureAnalyzerTests {

    record Settings(String jwtSecret, String issuer) {}

    /** As {@code @Size} on the real properties would refuse them. */
    static final class SettingsValidator implements Validator {

        @Override
        public boolean supports(Class<?> type) {
            return type == Settings.class;
        }

        @Override
        public void validate(Object target, Errors errors) {
            var settings = (Settings) target;
            if (settings.jwtSecret().length() < 32) {
                errors.rejectValue("jwtSecret", "Size", "size must be between 32 and 2147483647");
            }
            if (settings.issuer().length() < 5) {
                errors.rejectValue("issuer", "Size", "size must be between 5 and 2147483647");
            }
        }
    }

    private final SecretSafeBindFailureAnalyzer analyzer = new SecretSafeBindFailureAnalyzer();

    @Test
    void reportsARefusedSecretWithoutItsValue() {
        var failure = bind(Map.of("keel.security.jwt-secret", "hunter2-short", "keel.security.issuer", "kl"));

        var analysis = analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("Property: keel.security.jwt-secret")
                .contains("Value: " + SecretSafeBindFailureAnalyzer.REDACTED)
                .contains("Reason: size must be between 32")
                .contains("Property: keel.security.issuer", "Value: kl")
                .doesNotContain("hunter2");
    }

    @Test
    void leavesFailuresWithoutSecretsToSpringBoot() {
        var failure = bind(Map.of(
                "keel.security.jwt-secret",
                "a-long-enough-secret-of-32-characters-at-least",
                "keel.security.issuer",
                "kl"));

        assertThat(analyzer.analyze(failure)).isNull();
    }

    @Test
    void isConsultedBeforeSpringBootsOwnAnalyzers() {
        var analyzers = SpringFactoriesLoader.forDefaultResourceLocation(
                        getClass().getClassLoader())
                .load(
                        FailureAnalyzer.class,
                        SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
                                .and(Environment.class, new MockEnvironment()));

        assertThat(analyzers.getFirst()).isInstanceOf(SecretSafeBindFailureAnalyzer.class);
    }

    @Test
    void countsPasswordsKeysTokensAndCredentialsAsSecrets() {
        assertThat(SecretSafeBindFailureAnalyzer.isSecret("spring.datasource.password"))
                .isTrue();
        assertThat(SecretSafeBindFailureAnalyzer.isSecret("keel.notifications.webhooks.secret-key"))
                .isTrue();
        assertThat(SecretSafeBindFailureAnalyzer.isSecret("keel.users.api-token"))
                .isTrue();
        assertThat(SecretSafeBindFailureAnalyzer.isSecret("keel.notifications.public-base-url"))
                .isFalse();
    }

    private static Throwable bind(Map<String, String> properties) {
        var binder = new Binder(new MapConfigurationPropertySource(properties));
        return catchThrowable(() -> binder.bind(
                "keel.security", Bindable.of(Settings.class), new ValidationBindHandler(new SettingsValidator())));
    }
}
