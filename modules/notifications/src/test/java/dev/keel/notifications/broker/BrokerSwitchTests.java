package dev.keel.notifications.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/** Where events go to the broker, decided before the application starts, and what follows from it. */
class BrokerSwitchTests {

    static final String READINESS = "management.endpoint.health.group.readiness.include";

    @Test
    void isOffWithoutABrokerSoTheEmbeddedRunStaysHealthyWithoutOne() {
        var environment = decide(Map.of(READINESS, "readinessState, db"));

        assertThat(environment.getProperty("keel.broker.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.health.rabbit.enabled")).isEqualTo("false");
        assertThat(environment.getProperty(READINESS)).isEqualTo("readinessState, db");
    }

    @Test
    void isOnWhereABrokerIsConfiguredAndThenPartOfReadinessWithPublisherConfirms() {
        for (var broker : new String[] {"spring.rabbitmq.host", "spring.rabbitmq.addresses"}) {
            var environment = decide(Map.of(READINESS, "readinessState, db", broker, "rabbit.internal"));

            assertThat(environment.getProperty("keel.broker.enabled")).isEqualTo("true");
            assertThat(environment.getProperty("management.health.rabbit.enabled"))
                    .isEqualTo("true");
            assertThat(environment.getProperty(READINESS)).isEqualTo("readinessState, db, rabbit");
            assertThat(environment.getProperty("spring.rabbitmq.publisher-confirm-type"))
                    .isEqualTo("correlated");
        }
    }

    @Test
    void anExplicitSettingWins() {
        var off = decide(Map.of("keel.broker.enabled", "false", "spring.rabbitmq.host", "rabbit.internal"));
        var on = decide(Map.of("keel.broker.enabled", "true"));

        assertThat(off.getProperty("keel.broker.enabled")).isEqualTo("false");
        assertThat(on.getProperty("keel.broker.enabled")).isEqualTo("true");
        assertThat(on.getProperty("spring.rabbitmq.publisher-confirm-type")).isEqualTo("correlated");
    }

    /** Runs the post-processor (that Spring Boot finds it is shown by every test that starts with a broker). */
    private static StandardEnvironment decide(Map<String, String> properties) {
        var environment = new MockEnvironment();
        properties.forEach(environment::setProperty);
        var standard = new StandardEnvironment();
        standard.getPropertySources().addFirst(environment.getPropertySources().get("mockProperties"));
        new BrokerSwitch().postProcessEnvironment(standard, new SpringApplication());
        return standard;
    }
}
