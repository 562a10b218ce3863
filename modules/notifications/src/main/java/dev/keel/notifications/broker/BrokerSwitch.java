package dev.keel.notifications.broker;

import java.util.LinkedHashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides once, before any bean exists, whether events go to a broker: as {@code keel.broker.enabled} says,
 * or, where it says nothing, whether {@code spring.rabbitmq.host} or {@code spring.rabbitmq.addresses} is
 * set. Where the broker is used its health joins the readiness group (a replica that cannot publish takes no
 * traffic); where it is not, Spring Boot's RabbitMQ health check is off, so that the embedded run, which has
 * no broker, stays healthy. Sends need correlated publisher confirms: a message counts as sent only once
 * the broker confirmed it, so the broker's setting is fixed to that; and every send is observed, so that the
 * message carries the {@code traceparent} of its event.
 */
class BrokerSwitch implements EnvironmentPostProcessor {

    static final String ENABLED = "keel.broker.enabled";
    static final String READINESS = "management.endpoint.health.group.readiness.include";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var explicit = environment.getProperty(ENABLED, Boolean.class);
        var enabled = explicit != null
                ? explicit
                : StringUtils.hasText(environment.getProperty("spring.rabbitmq.host"))
                        || StringUtils.hasText(environment.getProperty("spring.rabbitmq.addresses"));
        var decided = new LinkedHashMap<String, Object>();
        decided.put(ENABLED, enabled);
        decided.put("management.health.rabbit.enabled", enabled);
        if (enabled) {
            decided.put("spring.rabbitmq.publisher-confirm-type", "correlated");
            // A span per send, whose traceparent the message carries as a header.
            decided.put("spring.rabbitmq.template.observation-enabled", true);
        }
        var readiness = environment.getProperty(READINESS);
        if (enabled && StringUtils.hasText(readiness) && !readiness.contains("rabbit")) {
            decided.put(READINESS, readiness + ", rabbit");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("keelBroker", decided));
    }
}
