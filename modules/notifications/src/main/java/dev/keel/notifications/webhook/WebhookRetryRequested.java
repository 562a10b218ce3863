package dev.keel.notifications.webhook;

import java.util.UUID;

/**
 * A delivery was made due now by its endpoint's owner. Published inside the retrying transaction so the
 * delivery worker can start right after the commit instead of at its next poll.
 */
public record WebhookRetryRequested(UUID deliveryId) {}
