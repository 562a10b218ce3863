package dev.keel.notifications.delivery;

import dev.keel.notifications.message.MessageType;
import dev.keel.notifications.webhook.WebhookData;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one event owes one user: a message for people (email and in-app) and an event for their webhook
 * endpoints, either of which may be absent.
 *
 * @param eventId stable across redeliveries of the event, so each channel delivers it once
 */
record Notification(
        UUID eventId,
        UUID userId,
        Instant occurredAt,
        @Nullable Message message,
        @Nullable WebhookData webhook) {

    /**
     * @param model the values the subject, title and templates refer to (already formatted for people)
     * @param data machine-readable details shown with the in-app message
     * @param recipient the address to email when the user's stored one is gone (account deletion)
     */
    record Message(
            MessageType type,
            Map<String, String> model,
            Map<String, Object> data,
            @Nullable String recipient) {

        Message {
            model = Map.copyOf(model);
            data = Map.copyOf(data);
        }
    }
}
