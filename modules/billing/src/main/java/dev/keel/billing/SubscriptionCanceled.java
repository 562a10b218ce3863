package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription ended.
 *
 * @param reason why it ended
 */
public record SubscriptionCanceled(
        UUID eventId,
        UUID subscriptionId,
        UUID userId,
        String planCode,
        String planName,
        Reason reason,
        Instant canceledAt,
        Instant occurredAt) {

    /** Why a subscription ended. */
    public enum Reason {
        /** The user canceled, now or at the period end. */
        REQUESTED,
        /** Dunning gave up on a renewal, or an admin wrote the invoice off. */
        PAYMENT_FAILED,
        /** An admin voided the first invoice of a subscription that never started. */
        INVOICE_VOIDED,
        /** Its first invoice stayed unpaid for 23 hours. */
        INCOMPLETE_EXPIRED,
        /** The account was deleted. */
        ACCOUNT_DELETED
    }
}
