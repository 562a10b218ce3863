package dev.keel.notifications.broker;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.EventExternalizerModuleListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keel's events on RabbitMQ, where a broker is configured ({@link BrokerSwitch}). Spring Modulith's
 * externalizer is an application module listener like any other: its publication is stored with the
 * business transaction and completed only when the broker confirmed the message.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
@ConditionalOnBooleanProperty(BrokerSwitch.ENABLED)
class BrokerConfiguration {

    /** Declared by Spring AMQP's admin whenever a connection opens, so a new or reset broker gets it too. */
    @Bean
    TopicExchange keelEvents(BrokerProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    @Bean
    EventExternalizationConfiguration eventExternalizationConfiguration(BrokerProperties properties) {
        return EventExternalizationConfiguration.externalizing()
                .select(BrokerEvents::externalized)
                .mapping(BrokerEvents::of)
                // The routing key is the message's type; the transport takes it from the message it sends.
                .routeAll(
                        event -> RoutingTarget.forTarget(properties.exchange()).withoutKey())
                .build();
    }

    @Bean
    EventExternalizerModuleListener brokerExternalizer(
            EventExternalizationConfiguration configuration,
            RabbitTemplate rabbit,
            JsonMapper json,
            BrokerProperties properties) {
        return new EventExternalizerModuleListener(
                configuration, new RabbitTransport(rabbit, json, properties.source(), properties.confirmTimeout()));
    }
}
