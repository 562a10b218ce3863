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

    @Property
    void anUpgradeInvoiceIsNeverNegativeAndTotalsItsLines(
            @ForAll @LongRange(min = 0, max = 10_000_000L) long oldPrice,
            @ForAll @LongRange(min = 0, max = 10_000_000L) long newPrice,
            @ForAll boolean newPlanYearly,
            @ForAll @LongRange(min = 0, max = 30L * 86_400 - 1) long secondsIntoPeriod) {
        var periodEnd = BillingInterval.MONTH.after(START, 1);
        var period = Duration.between(START, periodEnd);
        var newInterval = newPlanYearly ? BillingInterval.YEAR : BillingInterval.MONTH;
        var newPeriod = Duration.between(START, newInterval.after(START, 1));
        var oldMoney = Money.of(oldPrice, "EUR");
        var newMoney = Money.of(newPrice, "EUR");
        var changeAt = START.plusSeconds(secondsIntoPeriod % period.toSeconds());

        var upgrade = Proration.isUpgrade(oldMoney, period, newMoney, newPeriod);
        var lines =
                new Proration.Upgrade("Old", oldMoney, "New", newMoney, newPeriod, START, periodEnd, changeAt).lines();

        var credit = -lines.get(0).amount();
        var charge = lines.get(1).amount();
        assertThat(credit).isBetween(0L, oldPrice);
        assertThat(charge).isBetween(0L, newPrice);
        assertThat(lines).allSatisfy(line -> assertThat(line.proration()).isTrue());
        if (upgrade) {
            var invoice = Invoice.issue(
                    "KEEL-2026-000001",
                    java.util.UUID.randomUUID(),
                    null,
                    BillingReason.SUBSCRIPTION_UPDATE,
                    "EUR",
                    lines,
                    changeAt,
                    periodEnd,
                    changeAt);
            assertThat(invoice.total().amount()).isEqualTo(charge - credit).isNotNegative();
            assertThat(invoice.amountDue()).isEqualTo(invoice.total().minus(invoice.amountPaid()));
        }
    }

    @Example
    void upgradingHalfwayCreditsHalfTheOldPriceAndChargesHalfTheNew() {
        var end = START.plus(Duration.ofDays(30));
        var lines = new Proration.Upgrade(
                        "Basic",
                        Money.of(1000, "EUR"),
                        "Pro",
                        Money.of(3000, "EUR"),
                        Duration.ofDays(30),
                        START,
                        end,
                        START.plus(Duration.ofDays(15)))
                .lines();

        assertThat(lines).extracting(InvoiceLine::amount).containsExactly(-500L, 1500L);
        assertThat(lines.get(0).description()).isEqualTo("Unused time on Basic");
    }

    @Example
    void comparesPricesPerUnitOfTime() {
        var month = Duration.ofDays(30);
        var year = Duration.ofDays(365);

        assertThat(Proration.isUpgrade(Money.of(1999, "EUR"), month, Money.of(2999, "EUR"), month))
                .isTrue();
        // 199.90 a year is cheaper per day than 19.99 a month.
        assertThat(Proration.isUpgrade(Money.of(1999, "EUR"), month, Money.of(19990, "EUR"), year))
                .isFalse();
        assertThat(Proration.isUpgrade(Money.of(0, "EUR"), month, Money.of(1, "EUR"), year))
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
