package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invoice was paid in full: the receipt. */
public record InvoicePaid(
        UUID eventId,
        UUID invoiceId,
        String number,
        UUID userId,
        @Nullable UUID subscriptionId,
        Money amountPaid,
        String cardBrand,
        String cardLast4,
        Instant paidAt,
        Instant occurredAt) {}
