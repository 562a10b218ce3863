package dev.keel.billing.cycle;

import dev.keel.billing.invoice.Invoice;
import dev.keel.billing.invoice.Retries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** When a declined renewal is tried again: fixed delays after the first decline (1, 3 and 5 days by default). */
public record Dunning(List<Duration> retryAfter) implements Retries {

    /** Counted from the invoice's first decline, which the invoice records before it asks. */
    @Override
    public @Nullable Instant after(Invoice invoice, Instant declinedAt) {
        var first = invoice.firstFailedAt();
        return nextAttempt(first == null ? declinedAt : first, declinedAt);
    }

    /** The next retry after a decline at {@code now}, or null when the schedule is exhausted. */
    @Nullable
    public Instant nextAttempt(Instant firstFailedAt, Instant now) {
        for (var delay : retryAfter) {
            var attempt = firstFailedAt.plus(delay);
            if (attempt.isAfter(now)) {
                return attempt;
            }
        }
        return null;
    }
}
