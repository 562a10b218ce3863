package dev.keel.billing.catalog;

import java.time.Instant;
import java.time.ZoneOffset;

/** How often a plan bills. Periods follow the calendar in UTC, counted from the subscription's anchor. */
public enum BillingInterval {
    MONTH(1),
    YEAR(12);

    private final int months;

    BillingInterval(int months) {
        this.months = months;
    }

    /** How many months one interval lasts: prices of different intervals compare per month. */
    public int months() {
        return months;
    }

    /** The instant {@code count} intervals after {@code anchor}. */
    public Instant after(Instant anchor, long count) {
        return anchor.atZone(ZoneOffset.UTC).plusMonths(months * count).toInstant();
    }

    /**
     * The first boundary counted from {@code anchor} that lies after {@code instant}. Counting from the
     * anchor instead of from the previous boundary keeps a subscription that started on the 31st on the
     * last day of each month, instead of drifting to the 28th after February.
     */
    public Instant nextBoundary(Instant anchor, Instant instant) {
        var count = 1L;
        while (!after(anchor, count).isAfter(instant)) {
            count++;
        }
        return after(anchor, count);
    }
}
