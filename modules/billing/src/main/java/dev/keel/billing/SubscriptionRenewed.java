package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription entered its next period (a renewal or the end of its trial); the period's invoice was
 * issued and is announced by {@link InvoiceIssued}.
 */
public record SubscriptionRenewed(
        UUID eventId,
        UUID subscriptionId,
        UUID userId,
        String planCode,
        String planName,
        Instant currentPeriodStart,
        Instant currentPeriodEnd,
        Instant occurredAt) {}
