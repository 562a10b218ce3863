package dev.keel.billing.invoice;

import jakarta.persistence.Embeddable;
import java.time.Instant;

/** One line of an invoice, in the invoice's currency; proration credits are negative. */
@Embeddable
public record InvoiceLine(
        String description,
        int quantity,
        long unitAmount,
        long amount,
        Instant periodStart,
        Instant periodEnd,
        boolean proration) {

    public InvoiceLine {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (Math.multiplyExact(unitAmount, quantity) != amount) {
            throw new IllegalArgumentException("amount must be quantity × unit amount");
        }
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("a line's period must end after it starts");
        }
    }

    public static InvoiceLine period(String description, long price, Instant start, Instant end) {
        return new InvoiceLine(description, 1, price, price, start, end, false);
    }

    public static InvoiceLine proration(String description, long amount, Instant start, Instant end) {
        return new InvoiceLine(description, 1, amount, amount, start, end, true);
    }
}
