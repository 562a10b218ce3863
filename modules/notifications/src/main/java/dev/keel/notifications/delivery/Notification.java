package dev.keel.notifications.delivery;

import dev.keel.notifications.message.MessageModel;
import dev.keel.notifications.webhook.WebhookData;
import java.time.Instant;
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

    /** @param recipient the address to email when the user's stored one is gone (account deletion) */
    record Message(MessageModel model, @Nullable String recipient) {}
}
