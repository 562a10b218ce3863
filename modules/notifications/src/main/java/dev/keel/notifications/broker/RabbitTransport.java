package dev.keel.notifications.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.EventExternalizationTransport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a {@link BrokerMessage} as a persistent JSON message with the CloudEvents attributes as headers
 * (the {@code cloudEvents:} prefix of the CloudEvents AMQP binding), and completes only when the broker
 * confirmed it. A refused connection fails at once; a negative or missing confirm fails the returned
 * future. Either way the event publication stays incomplete and is sent again, and the failure is logged
 * here in one line (Spring Modulith's own log of a failed externalizer future, with its stack, is off in
 * the application's settings).
 */
class RabbitTransport implements EventExternalizationTransport {

    static final String CE = "cloudEvents:";

    private static final Logger LOG = LoggerFactory.getLogger(RabbitTransport.class);

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final String source;
    private final Duration confirmTimeout;

    RabbitTransport(RabbitTemplate rabbit, JsonMapper json, String source, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.json = json;
        this.source = source;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public CompletableFuture<?> externalize(Object payload, RoutingTarget target) {
        var event = (BrokerMessage) payload;
        var id = event.id().toString();
        var properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(id);
        properties.setType(event.type());
        properties.setTimestamp(Date.from(event.occurredAt()));
        properties.setHeader(CE + "specversion", "1.0");
        properties.setHeader(CE + "id", id);
        properties.setHeader(CE + "type", event.type());
        properties.setHeader(CE + "source", source);
        properties.setHeader(CE + "time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        properties.setHeader(CE + "datacontenttype", MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("keel-schema-version", event.version());
        var correlation = new CorrelationData(id);
        try {
            rabbit.send(
                    target.getTarget(),
                    event.type(),
                    new Message(json.writeValueAsBytes(event), properties),
                    correlation);
        } catch (AmqpException e) {
            // An outage, not a defect: one line, and the publication stays incomplete to be sent again.
            LOG.warn(
                    "Event {} ({}) not sent, the broker is unavailable ({}); it is sent again later",
                    id,
                    event.type(),
                    e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return correlation
                .getFuture()
                .orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(confirm -> {
                    if (!confirm.ack()) {
                        throw new IllegalStateException("the broker refused it: " + confirm.reason());
                    }
                })
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.warn(
                                "Event {} ({}) not confirmed by the broker ({}); it is sent again later",
                                id,
                                event.type(),
                                failure instanceof TimeoutException
                                        ? "no confirm within " + confirmTimeout
                                        : failure.getMessage());
                    }
                });
    }
}
