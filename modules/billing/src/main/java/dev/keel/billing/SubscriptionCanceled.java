package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription ended.
 *
 * @param reason {@code REQUESTED} (now or at period end), {@code PAYMENT_FAILED} (dunning gave up, or an
 *     admin wrote the invoice off), {@code INVOICE_VOIDED} (an admin voided the first invoice of a
 *     subscription that never started), {@code INCOMPLETE_EXPIRED} (its first invoice stayed unpaid for 23
 *     hours) or {@code ACCOUNT_DELETED}
 */
public record SubscriptionCanceled(
        UUID eventId,
        UUID subscriptionId,
        UUID userId,
        String planCode,
        String planName,
        String reason,
        Instant canceledAt,
        Instant occurredAt) {}
