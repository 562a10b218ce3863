package dev.keel.notifications.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of a webhook delivery, {@code {id, type, createdAt, data}} as the API contract fixes it.
 *
 * @param id the event's id, also sent as {@code webhook-id}: receivers deduplicate by it
 * @param type the event type's wire name ({@code invoice.paid})
 * @param createdAt when the event happened, to the second
 */
public record WebhookPayload(UUID id, String type, Instant createdAt, WebhookData data) {

    public static WebhookPayload of(UUID eventId, Instant occurredAt, WebhookData data) {
        return new WebhookPayload(eventId, data.type().wireName(), occurredAt.truncatedTo(ChronoUnit.SECONDS), data);
    }

    /**
     * The id of an event; for a users event stored by a version that gave it none, an id derived from
     * what made it unique, so that every resubmission and every channel gets the same one.
     */
    public static UUID idOr(@Nullable UUID eventId, String kind, String unique) {
        return eventId != null
                ? eventId
                : UUID.nameUUIDFromBytes((kind + ":" + unique).getBytes(StandardCharsets.UTF_8));
    }
}
