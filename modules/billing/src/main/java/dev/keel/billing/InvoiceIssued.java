package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invoice was finalised and is now owed. */
public record InvoiceIssued(
        UUID eventId,
        UUID invoiceId,
        String number,
        UUID userId,
        @Nullable UUID subscriptionId,
        Money total,
        Money amountDue,
        Instant issuedAt,
        Instant dueAt,
        Instant occurredAt) {}
