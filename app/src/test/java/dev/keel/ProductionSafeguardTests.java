package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keel.ProductionSafeguard.UnsafeProductionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** The prod profile refuses every development switch before anything starts, and says which. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSafeguardTests {

    private final ProductionSafeguard safeguard = new ProductionSafeguard();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "keel.time-travel.enabled",
                "keel.notifications.email.capture",
                "keel.notifications.webhooks.allow-insecure-targets"
            })
    void refusesADevelopmentSwitchInProduction(String property) {
        var environment = production().withProperty(property, "true");

        assertThatThrownBy(() -> safeguard.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOfSatisfying(
                        UnsafeProductionConfiguration.class,
                        refused -> assertThat(refused.reasons()).containsExactly(property + " is true"));
    }

    @Test
    void refusesThePublishedDevelopmentSecrets() {
        var environment = production()
                .withProperty(
                        "keel.security.jwt-secret", "keel-development-only-signing-secret-do-not-use-in-production")
                .withProperty("keel.bootstrap-admin.password", "keel-admin-dev-only");

        assertThatThrownBy(() -> safeguard.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOfSatisfying(
                        UnsafeProductionConfiguration.class,
                        refused -> assertThat(refused.reasons())
                                .containsExactly(
                                        "keel.security.jwt-secret is the published development value",
                                        "keel.bootstrap-admin.password is the published development value"));
    }

    @Test
    void acceptsAProductionConfigurationAndLeavesDevelopmentAlone() {
        var production = production()
                .withProperty("keel.time-travel.enabled", "false")
                .withProperty("keel.notifications.email.capture", "false")
                .withProperty("keel.security.jwt-secret", "an-operator-chosen-secret-of-32-characters-or-more")
                .withProperty("keel.bootstrap-admin.password", "an-operator-chosen-password");
        var development = new MockEnvironment()
                .withProperty("keel.time-travel.enabled", "true")
                .withProperty("keel.bootstrap-admin.password", "keel-admin-dev-only");
        development.setActiveProfiles("dev");

        assertThatNoException().isThrownBy(() -> safeguard.postProcessEnvironment(production, new SpringApplication()));
        assertThatNoException()
                .isThrownBy(() -> safeguard.postProcessEnvironment(development, new SpringApplication()));
    }

    /** As {@code SPRING_PROFILES_ACTIVE=prod,dev} would start the jar: refused before any bean, reported without secrets. */
    @Test
    void refusesTheDevelopmentProfileBesideProductionAtStart(CapturedOutput output) {
        var application = new SpringApplication(KeelApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        var refused = catchThrowable(() -> application.run("--spring.profiles.active=prod,dev"));

        assertThat(refused).isInstanceOf(UnsafeProductionConfiguration.class);
        var analysis = new UnsafeProductionFailureAnalyzer().analyze(refused);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("The prod profile refuses to start with development settings")
                .contains("the 'dev' profile is active beside 'prod'")
                .contains("keel.time-travel.enabled is true")
                .contains("keel.notifications.email.capture is true")
                .contains("keel.security.jwt-secret is the published development value");
        assertThat(output).doesNotContain("keel-development-only-signing-secret");
    }

    private static MockEnvironment production() {
        var environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        return environment;
    }
}
