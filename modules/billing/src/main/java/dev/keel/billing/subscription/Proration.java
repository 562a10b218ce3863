package dev.keel.billing.subscription;

import dev.keel.billing.Money;
import dev.keel.billing.invoice.InvoiceLine;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The arithmetic of changing plans mid-period. Exact integer arithmetic throughout; each line is rounded
 * half up to the minor unit on its own (a credit is the negated, rounded share of the old price), so the
 * invoice total is exactly the sum of its lines.
 */
final class Proration {

    private Proration() {}

    /** {@code amount × part / whole}, rounded half up; {@code part} is cut to {@code [0, whole]}. */
    static long share(long amount, Duration part, Duration whole) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (!whole.isPositive()) {
            throw new IllegalArgumentException("whole must be positive");
        }
        var partSeconds = Math.clamp(part.toSeconds(), 0, whole.toSeconds());
        var numerator = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(partSeconds));
        var denominator = BigInteger.valueOf(whole.toSeconds());
        return numerator
                .shiftLeft(1)
                .add(denominator)
                .divide(denominator.shiftLeft(1))
                .longValueExact();
    }

    /**
     * Whether moving from the old to the new price costs more per unit of time: the new price over its own
     * period length against the old price over the current period's length.
     */
    static boolean isUpgrade(Money oldPrice, Duration oldPeriod, Money newPrice, Duration newPeriod) {
        var newRate = BigInteger.valueOf(newPrice.amount()).multiply(BigInteger.valueOf(oldPeriod.toSeconds()));
        var oldRate = BigInteger.valueOf(oldPrice.amount()).multiply(BigInteger.valueOf(newPeriod.toSeconds()));
        return newRate.compareTo(oldRate) > 0;
    }

    /** What an upgrade at {@code changeAt} within the period costs: a credit and a charge. */
    record Upgrade(
            String oldPlanName,
            Money oldPrice,
            String newPlanName,
            Money newPrice,
            Duration newPlanPeriod,
            Instant periodStart,
            Instant periodEnd,
            Instant changeAt) {

        List<InvoiceLine> lines() {
            var period = Duration.between(periodStart, periodEnd);
            var remaining = Duration.between(changeAt, periodEnd);
            var credit = share(oldPrice.amount(), remaining, period);
            // The new plan is charged at its own rate for the time left in the current period.
            var charge = share(newPrice.amount(), remaining, newPlanPeriod);
            return List.of(
                    InvoiceLine.proration("Unused time on " + oldPlanName, -credit, changeAt, periodEnd),
                    InvoiceLine.proration("Remaining time on " + newPlanName, charge, changeAt, periodEnd));
        }
    }
}
