package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A charge for an invoice was declined.
 *
 * @param declineCode {@code card_declined} or {@code insufficient_funds}
 * @param attemptCount how many charges of this invoice have failed so far
 * @param nextPaymentAttemptAt when the billing cycle tries again; null when it will not (the last retry
 *     failed, or the charge was made by the user)
 */
public record PaymentFailed(
        UUID eventId,
        UUID invoiceId,
        String number,
        UUID userId,
        @Nullable UUID subscriptionId,
        Money amountDue,
        String declineCode,
        int attemptCount,
        @Nullable Instant nextPaymentAttemptAt,
        Instant occurredAt) {}
