package dev.keel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start the {@code prod} profile with a development switch on: the {@code dev} profile beside it,
 * time travel, the dev mailbox, insecure webhook targets, or the development signing secret or admin
 * password (as {@code application-dev.yaml} ships them). Runs before any bean exists, so nothing is
 * served, migrated or mailed with such a configuration.
 */
class ProductionSafeguard implements EnvironmentPostProcessor, Ordered {

    static final String PRODUCTION = "prod";
    static final String DEVELOPMENT = "dev";

    /** Settings that only development may switch on. */
    static final List<String> DEVELOPMENT_SWITCHES = List.of(
            "keel.time-travel.enabled",
            "keel.notifications.email.capture",
            "keel.notifications.webhooks.allow-insecure-targets");

    /** Settings whose development value is published in the jar, so is nobody's secret. */
    static final List<String> DEVELOPMENT_SECRETS =
            List.of("keel.security.jwt-secret", "keel.bootstrap-admin.password");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles(PRODUCTION)) {
            return;
        }
        var reasons = new ArrayList<String>();
        if (environment.matchesProfiles(DEVELOPMENT)) {
            reasons.add("the 'dev' profile is active beside 'prod' (spring.profiles.active)");
        }
        for (var property : DEVELOPMENT_SWITCHES) {
            if (environment.getProperty(property, Boolean.class, false)) {
                reasons.add(property + " is true");
            }
        }
        var development = developmentSettings();
        for (var property : DEVELOPMENT_SECRETS) {
            var value = environment.getProperty(property);
            if (value != null && Objects.equals(value, development.getProperty(property))) {
                reasons.add(property + " is the published development value");
            }
        }
        if (!reasons.isEmpty()) {
            throw new UnsafeProductionConfiguration(reasons);
        }
    }

    private static PropertySource<?> developmentSettings() {
        try {
            var sources = new YamlPropertySourceLoader()
                    .load("development settings", new ClassPathResource("application-dev.yaml"));
            return sources.isEmpty() ? new PropertySource.StubPropertySource("none") : sources.getFirst();
        } catch (IOException e) {
            throw new IllegalStateException("application-dev.yaml cannot be read", e);
        }
    }

    /** After the config data processor, so every profile's files and the environment are in. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Why the {@code prod} profile did not start: each development switch that was on. */
    static final class UnsafeProductionConfiguration extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final List<String> reasons;

        UnsafeProductionConfiguration(List<String> reasons) {
            super("The prod profile refuses development settings: " + String.join("; ", reasons));
            this.reasons = List.copyOf(reasons);
        }

        List<String> reasons() {
            return reasons;
        }
    }
}
