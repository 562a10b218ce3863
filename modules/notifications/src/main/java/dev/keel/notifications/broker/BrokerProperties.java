package dev.keel.notifications.broker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publishing Keel's events to RabbitMQ. The connection itself is Spring Boot's {@code spring.rabbitmq.*}.
 *
 * @param enabled whether events go to the broker; when not set, on exactly where a broker is configured
 *     ({@code spring.rabbitmq.host} or {@code spring.rabbitmq.addresses}), so the embedded run needs none
 * @param exchange the durable topic exchange Keel declares and publishes to; routing keys are the event
 *     types ({@code invoice.paid})
 * @param source the CloudEvents {@code source} attribute of every message: which Keel deployment sent it
 * @param confirmTimeout how long a send waits for the broker's publisher confirm before it counts as failed
 *     (and is sent again by the resubmission of incomplete event publications)
 */
@Validated
@ConfigurationProperties("keel.broker")
record BrokerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("keel.events") @NotBlank String exchange,
        @DefaultValue("/keel") @NotBlank String source,

        @DefaultValue("PT10S") @NotNull @DurationMin(millis = 100)
        Duration confirmTimeout) {}
