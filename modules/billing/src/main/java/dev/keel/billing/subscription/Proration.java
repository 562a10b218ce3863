package dev.keel.billing.subscription;

import dev.keel.billing.Money;
import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.Plan;
import dev.keel.billing.invoice.InvoiceLine;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arithmetic of changing plans mid-period, as one pure decision. Exact integer arithmetic throughout;
 * each line is rounded half up to the minor unit on its own (a credit is the negated, rounded share of
 * what was paid), so an invoice total is exactly the sum of its lines, and never negative.
 */
final class Proration {

    private Proration() {}

    /** A plan as the proration sees it. */
    record Offer(String name, Money price, BillingInterval interval) {

        static Offer of(Plan plan) {
            return new Offer(plan.name(), plan.price(), plan.interval());
        }

        /** Whether this costs more per month than {@code other}, each price over its own interval. */
        boolean costsMorePerMonthThan(Offer other) {
            var mine = BigInteger.valueOf(price.amount()).multiply(BigInteger.valueOf(other.interval.months()));
            var theirs = BigInteger.valueOf(other.price.amount()).multiply(BigInteger.valueOf(interval.months()));
            return mine.compareTo(theirs) > 0;
        }
    }

    /** What a change of plans does to a subscription whose current period was paid on its current plan. */
    sealed interface Decision {

        /** A downgrade (no dearer per month): the plan changes when the current period ends, nothing is due now. */
        record AtPeriodEnd() implements Decision {}

        /**
         * An upgrade within the same interval: the current period goes on, on the new plan; the lines credit
         * the unused part of the old price and charge the new price for the same time.
         */
        record RestOfPeriod(List<InvoiceLine> lines, Instant start, Instant end) implements Decision {}

        /**
         * An upgrade to another interval: a full period of the new plan starts now and is charged, less the
         * credit for the unused part of the old period. Credit beyond the charge goes to the customer's balance
         * ({@code toBalance}), on a line of its own, so the invoice totals zero instead of going negative.
         */
        record NewPeriod(List<InvoiceLine> lines, Instant start, Instant end, long credit, long toBalance)
                implements Decision {}
    }

    /**
     * Decides a change from {@code current} to {@code target} at {@code now}, within the paid period
     * {@code [periodStart, periodEnd)} of {@code current}.
     */
    static Decision decide(Offer current, Offer target, Instant periodStart, Instant periodEnd, Instant now) {
        if (!now.isBefore(periodEnd) || now.isBefore(periodStart)) {
            throw new IllegalArgumentException("The change must fall within the current period");
        }
        if (!target.costsMorePerMonthThan(current)) {
            return new Decision.AtPeriodEnd();
        }
        var period = Duration.between(periodStart, periodEnd);
        var remaining = Duration.between(now, periodEnd);
        var credit = share(current.price().amount(), remaining, period);
        var unused = InvoiceLine.proration("Unused time on " + current.name(), -credit, now, periodEnd);
        if (target.interval() == current.interval()) {
            var charge = share(target.price().amount(), remaining, period);
            return new Decision.RestOfPeriod(
                    List.of(
                            unused,
                            InvoiceLine.proration("Remaining time on " + target.name(), charge, now, periodEnd)),
                    now,
                    periodEnd);
        }
        var end = target.interval().after(now, 1);
        var lines = new ArrayList<InvoiceLine>();
        lines.add(unused);
        lines.add(InvoiceLine.period(
                periodDescription(target.name(), target.interval()),
                target.price().amount(),
                now,
                end));
        var toBalance = Math.max(0, credit - target.price().amount());
        if (toBalance > 0) {
            lines.add(InvoiceLine.proration("Unused credit added to your balance", toBalance, now, periodEnd));
        }
        return new Decision.NewPeriod(List.copyOf(lines), now, end, credit, toBalance);
    }

    /** How a period line names a plan: "Pro (monthly)". */
    static String periodDescription(String planName, BillingInterval interval) {
        return planName + " (" + interval.name().toLowerCase(Locale.ROOT) + "ly)";
    }

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
}
