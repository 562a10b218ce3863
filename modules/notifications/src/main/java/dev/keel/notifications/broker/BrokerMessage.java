package dev.keel.notifications.broker;

import dev.keel.notifications.webhook.WebhookData;
import dev.keel.notifications.webhook.WebhookPayload;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of a broker message: version {@value WebhookData#VERSION} of the same records webhooks
 * deliver, so a consumer of the exchange and a webhook receiver read one schema.
 *
 * @param id the event's id, the same as the webhook deliveries' {@code webhook-id}: consumers deduplicate
 *     by it, since a message may arrive more than once
 * @param type the event type's wire name and the message's routing key ({@code invoice.paid})
 * @param occurredAt when the event happened, to the second
 * @param version the schema version of {@code data}
 */
public record BrokerMessage(UUID id, String type, Instant occurredAt, int version, WebhookData data) {

    static BrokerMessage of(UUID id, Instant occurredAt, WebhookData data) {
        var payload = WebhookPayload.of(id, occurredAt, data);
        return new BrokerMessage(payload.id(), payload.type(), payload.createdAt(), WebhookData.VERSION, data);
    }
}
