package dev.keel.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.Money;
import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.invoice.BillingReason;
import dev.keel.billing.invoice.Invoice;
import dev.keel.billing.invoice.InvoiceLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class ProrationTests {

    private static final Instant START = Instant.parse("2026-01-31T10:00:00Z");

    @Property
    void shareIsTheExactProportionRoundedHalfUp(
            @ForAll @LongRange(max = 100_000_000_000L) long amount,
            @ForAll @LongRange(min = 1, max = 400L * 86_400) long wholeSeconds,
            @ForAll @LongRange(max = 400L * 86_400) long partSeconds) {
        var part = Math.min(partSeconds, wholeSeconds);

        var share = Proration.share(amount, Duration.ofSeconds(part), Duration.ofSeconds(wholeSeconds));

        var exact = BigDecimal.valueOf(amount)
                .multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(wholeSeconds), 0, RoundingMode.HALF_UP);
        assertThat(share).isEqualTo(exact.longValueExact()).isBetween(0L, amount);
    }

    @Property
    void shareGrowsWithTheTimeLeft(
            @ForAll @LongRange(max = 1_000_000_000L) long amount,
            @ForAll @LongRange(max = 31L * 86_400) long shorter,
            @ForAll @LongRange(max = 31L * 86_400) long longer) {
        var whole = Duration.ofDays(31);
        var low = Math.min(shorter, longer);
        var high = Math.max(shorter, longer);

        assertThat(Proration.share(amount, Duration.ofSeconds(low), whole))
                .isLessThanOrEqualTo(Proration.share(amount, Duration.ofSeconds(high), whole));
    }

    @Property(tries = 5000)
    void aChangeBetweenAnyTwoIntervalsIsNeverNegativeExactAndCreditsNoMoreThanWasPaid(
            @ForAll @LongRange(min = 0, max = 10_000_000L) long oldPrice,
            @ForAll @LongRange(min = 0, max = 10_000_000L) long newPrice,
            @ForAll BillingInterval oldInterval,
            @ForAll BillingInterval newInterval,
            @ForAll @LongRange(min = 0, max = 400L * 86_400) long secondsIntoPeriod) {
        var periodEnd = oldInterval.after(START, 1);
        var period = Duration.between(START, periodEnd);
        var now = START.plusSeconds(secondsIntoPeriod % period.toSeconds());
        var remaining = Duration.between(now, periodEnd);
        var current = new Proration.Offer("Old", Money.of(oldPrice, "EUR"), oldInterval);
        var target = new Proration.Offer("New", Money.of(newPrice, "EUR"), newInterval);

        var decision = Proration.decide(current, target, START, periodEnd, now);

        var dearer = newPrice * oldInterval.months() > oldPrice * newInterval.months();
        switch (decision) {
            case Proration.Decision.AtPeriodEnd() -> assertThat(dearer).isFalse();
            case Proration.Decision.RestOfPeriod rest -> {
                assertThat(dearer).isTrue();
                assertThat(newInterval).isEqualTo(oldInterval);
                // As before: the unused old price and the new price, both over the current period.
                assertThat(rest.lines())
                        .extracting(InvoiceLine::amount)
                        .containsExactly(
                                -Proration.share(oldPrice, remaining, period),
                                Proration.share(newPrice, remaining, period));
                assertThat(rest.start()).isEqualTo(now);
                assertThat(rest.end()).isEqualTo(periodEnd);
                assertPaidFor(rest.lines(), oldPrice, remaining, period);
                assertIssuable(rest.lines(), now, periodEnd);
            }
            case Proration.Decision.NewPeriod next -> {
                assertThat(dearer).isTrue();
                assertThat(newInterval).isNotEqualTo(oldInterval);
                assertThat(next.start()).isEqualTo(now);
                assertThat(next.end()).isEqualTo(newInterval.after(now, 1));
                var total = next.lines().stream().mapToLong(InvoiceLine::amount).sum();
                // A full new period, less the credit; what the charge cannot absorb goes to the balance.
                assertThat(total).isEqualTo(Math.max(0, newPrice - next.credit()));
                assertThat(next.toBalance()).isEqualTo(Math.max(0, next.credit() - newPrice));
                assertPaidFor(next.lines(), oldPrice, remaining, period);
                assertIssuable(next.lines(), now, next.end());
            }
        }
    }

    /** The credit line is at most the paid price's exact share of the time left, give or take half a cent. */
    private static void assertPaidFor(List<InvoiceLine> lines, long paid, Duration remaining, Duration period) {
        var credit = -lines.getFirst().amount();
        assertThat(lines.getFirst().description()).startsWith("Unused time on");
        assertThat(credit).isBetween(0L, paid);
        var exact = BigDecimal.valueOf(paid)
                .multiply(BigDecimal.valueOf(remaining.toSeconds()))
                .divide(BigDecimal.valueOf(period.toSeconds()), 10, RoundingMode.HALF_UP);
        assertThat(BigDecimal.valueOf(credit).subtract(exact)).isLessThanOrEqualTo(new BigDecimal("0.5"));
    }

    private static void assertIssuable(List<InvoiceLine> lines, Instant start, Instant end) {
        var invoice = Invoice.issue(
                "KEEL-2026-000001",
                UUID.randomUUID(),
                null,
                BillingReason.SUBSCRIPTION_UPDATE,
                "EUR",
                lines,
                start,
                end,
                0,
                start);
        assertThat(invoice.total().amount())
                .isNotNegative()
                .isEqualTo(lines.stream().mapToLong(InvoiceLine::amount).sum());
    }

    @Example
    void upgradingHalfwayCreditsHalfTheOldPriceAndChargesHalfTheNew() {
        var start = Instant.parse("2026-04-01T00:00:00Z");
        var end = Instant.parse("2026-05-01T00:00:00Z");
        var decision = Proration.decide(
                new Proration.Offer("Basic", Money.of(1000, "EUR"), BillingInterval.MONTH),
                new Proration.Offer("Pro", Money.of(3000, "EUR"), BillingInterval.MONTH),
                start,
                end,
                start.plus(Duration.ofDays(15)));

        assertThat(decision)
                .isInstanceOfSatisfying(
                        Proration.Decision.RestOfPeriod.class,
                        rest -> assertThat(rest.lines())
                                .extracting(InvoiceLine::amount)
                                .containsExactly(-500L, 1500L));
    }

    @Example
    void yearlyToMonthlyOnDayFortyStartsAMonthAndMovesTheRestOfTheCreditToTheBalance() {
        var start = Instant.parse("2027-01-01T00:00:00Z");
        var end = Instant.parse("2028-01-01T00:00:00Z");
        var now = start.plus(Duration.ofDays(40));

        var decision = Proration.decide(
                new Proration.Offer("Pro", Money.of(19990, "EUR"), BillingInterval.YEAR),
                new Proration.Offer("Pro", Money.of(1999, "EUR"), BillingInterval.MONTH),
                start,
                end,
                now);

        // 19990 × 325 / 365 = 17799.32: a credit of 17799, 1999 of it pays the month, 15800 to the balance.
        assertThat(decision).isInstanceOfSatisfying(Proration.Decision.NewPeriod.class, next -> {
            assertThat(next.lines()).extracting(InvoiceLine::amount).containsExactly(-17799L, 1999L, 15800L);
            assertThat(next.toBalance()).isEqualTo(15800);
            assertThat(next.end()).isEqualTo("2027-03-10T00:00:00Z");
        });
    }

    @Example
    void monthlyToYearlyAfterSevenOfTwentyEightDaysChargesAYearLessTheUnusedMonth() {
        var start = Instant.parse("2027-02-01T00:00:00Z");
        var end = Instant.parse("2027-03-01T00:00:00Z");

        var decision = Proration.decide(
                new Proration.Offer("Basic", Money.of(1999, "EUR"), BillingInterval.MONTH),
                new Proration.Offer("Pro", Money.of(29990, "EUR"), BillingInterval.YEAR),
                start,
                end,
                start.plus(Duration.ofDays(7)));

        // 1999 × 21 / 28 = 1499.25: a credit of 1499 against 29990 for the year.
        assertThat(decision).isInstanceOfSatisfying(Proration.Decision.NewPeriod.class, next -> {
            assertThat(next.lines()).extracting(InvoiceLine::amount).containsExactly(-1499L, 29990L);
            assertThat(next.toBalance()).isZero();
            assertThat(next.end()).isEqualTo("2028-02-08T00:00:00Z");
        });
    }

    @Example
    void comparesPricesPerMonthEachOverItsOwnInterval() {
        var monthly = new Proration.Offer("Pro", Money.of(1999, "EUR"), BillingInterval.MONTH);

        assertThat(new Proration.Offer("Max", Money.of(2999, "EUR"), BillingInterval.MONTH)
                        .costsMorePerMonthThan(monthly))
                .isTrue();
        // 199.90 a year is cheaper per month than 19.99 a month, and 239.88 a year costs the same.
        assertThat(new Proration.Offer("Pro", Money.of(19990, "EUR"), BillingInterval.YEAR)
                        .costsMorePerMonthThan(monthly))
                .isFalse();
        assertThat(new Proration.Offer("Pro", Money.of(23988, "EUR"), BillingInterval.YEAR)
                        .costsMorePerMonthThan(monthly))
                .isFalse();
        assertThat(monthly.costsMorePerMonthThan(
                        new Proration.Offer("Pro", Money.of(19990, "EUR"), BillingInterval.YEAR)))
                .isTrue();
    }

    @Example
    void keepsMonthEndAnchorsAcrossShortMonths() {
        var anchor = Instant.parse("2026-01-31T10:00:00Z");

        assertThat(BillingInterval.MONTH.nextBoundary(anchor, anchor)).isEqualTo("2026-02-28T10:00:00Z");
        assertThat(BillingInterval.MONTH.nextBoundary(anchor, Instant.parse("2026-02-28T10:00:00Z")))
                .isEqualTo("2026-03-31T10:00:00Z");
        assertThat(BillingInterval.YEAR.nextBoundary(anchor, Instant.parse("2026-03-01T00:00:00Z")))
                .isEqualTo("2027-01-31T10:00:00Z");
    }

    @Property
    void theNextBoundaryIsAlwaysAfterTheInstant(
            @ForAll @LongRange(min = 0, max = 5L * 365 * 86_400) long secondsAfterAnchor, @ForAll boolean yearly) {
        var interval = yearly ? BillingInterval.YEAR : BillingInterval.MONTH;
        var instant = START.plusSeconds(secondsAfterAnchor);

        var boundary = interval.nextBoundary(START, instant);

        assertThat(boundary).isAfter(instant);
        assertThat(Duration.between(instant, boundary)).isLessThanOrEqualTo(Duration.ofDays(yearly ? 366 : 31));
    }
}
