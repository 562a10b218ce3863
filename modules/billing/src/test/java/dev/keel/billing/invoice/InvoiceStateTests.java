package dev.keel.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.billing.Money;
import dev.keel.billing.cycle.Dunning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class InvoiceStateTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Property
    void totalIsTheSumOfTheLinesAndAmountDueWhatIsLeft(
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 1_000_000_000L) Long> charges,
            @ForAll @IntRange(min = 1, max = 12) int quantity,
            @ForAll boolean pay) {
        var lines = new ArrayList<InvoiceLine>();
        for (var charge : charges) {
            lines.add(new InvoiceLine("Seat", quantity, charge, charge * quantity, NOW, NOW.plusSeconds(60), false));
        }

        var invoice = issue(lines);
        if (pay && invoice.status() == InvoiceStatus.OPEN) {
            invoice.paid(NOW);
        }

        var sum = lines.stream().mapToLong(InvoiceLine::amount).sum();
        assertThat(invoice.total()).isEqualTo(Money.of(sum, "EUR")).isEqualTo(invoice.subtotal());
        assertThat(invoice.amountDue()).isEqualTo(invoice.total().minus(invoice.amountPaid()));
        assertThat(invoice.status()).isEqualTo(sum == 0 || pay ? InvoiceStatus.PAID : InvoiceStatus.OPEN);
    }

    @Example
    void settlesAnInvoiceOfNothingAsItIsIssued() {
        var invoice = issue(List.of(InvoiceLine.period("Free", 0, NOW, NOW.plusSeconds(60))));

        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoice.paidAt()).isEqualTo(NOW);
        assertThat(invoice.attemptCount()).isZero();
    }

    @Example
    void refusesToPayAPaidOrVoidInvoiceTwice() {
        var paid = issue(List.of(InvoiceLine.period("Pro", 1999, NOW, NOW.plusSeconds(60))));
        paid.paid(NOW);
        var voided = issue(List.of(InvoiceLine.period("Pro", 1999, NOW, NOW.plusSeconds(60))));
        voided.voidInvoice();

        assertThatThrownBy(() -> paid.paid(NOW)).isInstanceOf(InvoiceProblems.InvoiceNotPayable.class);
        assertThatThrownBy(voided::ensurePayable).isInstanceOf(InvoiceProblems.InvoiceNotPayable.class);
        assertThatThrownBy(paid::voidInvoice).isInstanceOf(InvoiceProblems.InvoiceNotOpen.class);
        assertThatThrownBy(voided::markUncollectible).isInstanceOf(InvoiceProblems.InvoiceNotOpen.class);
    }

    @Example
    void anUncollectibleInvoiceCanStillBePaid() {
        var invoice = issue(List.of(InvoiceLine.period("Pro", 1999, NOW, NOW.plusSeconds(60))));
        invoice.paymentFailed(NOW, (declined, at) -> at.plusSeconds(86_400));
        invoice.markUncollectible();

        invoice.paid(NOW.plusSeconds(10));

        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoice.attemptCount()).isEqualTo(2);
        assertThat(invoice.amountDue().amount()).isZero();
        assertThat(invoice.nextPaymentAttemptAt()).isNull();
    }

    @Example
    void refusesLinesThatDoNotMultiplyOut() {
        assertThatThrownBy(() -> new InvoiceLine("Seat", 2, 100, 150, NOW, NOW.plusSeconds(1), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void schedulesRetriesFromTheDeclineItRecordsAndStopsAfterTheLast() {
        var dunning = new Dunning(
                List.of(java.time.Duration.ofDays(1), java.time.Duration.ofDays(3), java.time.Duration.ofDays(5)));
        var invoice = issue(List.of(InvoiceLine.period("Pro", 1999, NOW, NOW.plusSeconds(60))));
        var declinedAt = NOW.plusMillis(7);

        invoice.paymentFailed(declinedAt, dunning);
        var attempts = 1;
        while (invoice.nextPaymentAttemptAt() != null) {
            invoice.paymentFailed(invoice.nextPaymentAttemptAt(), dunning);
            attempts++;
        }

        assertThat(invoice.firstFailedAt()).isEqualTo(declinedAt);
        assertThat(attempts).isEqualTo(4);
        assertThat(invoice.attemptCount()).isEqualTo(4);
    }

    @Example
    void retriesAfterOneThreeAndFiveDaysThenGivesUp() {
        var dunning = new Dunning(
                List.of(java.time.Duration.ofDays(1), java.time.Duration.ofDays(3), java.time.Duration.ofDays(5)));
        var first = NOW;

        assertThat(dunning.nextAttempt(first, first)).isEqualTo(first.plus(java.time.Duration.ofDays(1)));
        assertThat(dunning.nextAttempt(first, first.plus(java.time.Duration.ofDays(1))))
                .isEqualTo(first.plus(java.time.Duration.ofDays(3)));
        assertThat(dunning.nextAttempt(first, first.plus(java.time.Duration.ofDays(3))))
                .isEqualTo(first.plus(java.time.Duration.ofDays(5)));
        assertThat(dunning.nextAttempt(first, first.plus(java.time.Duration.ofDays(5))))
                .isNull();
    }

    @Example
    void aBalanceThatCoversTheTotalPaysTheInvoiceAndVoidingGivesItBack() {
        var covered = issue(List.of(InvoiceLine.period("Pro", 1999, NOW, NOW.plusSeconds(60))), 1999);
        var partly = issue(List.of(InvoiceLine.period("Pro", 1999, NOW, NOW.plusSeconds(60))), 500);

        assertThat(covered.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(covered.amountDue().amount()).isZero();
        assertThat(covered.amountPaid().amount()).isZero();
        assertThat(partly.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(partly.amountDue().amount()).isEqualTo(1499);
        assertThat(partly.voidInvoice()).isEqualTo(500);
        assertThat(partly.balanceApplied().amount()).isZero();
    }

    private static Invoice issue(List<InvoiceLine> lines) {
        return issue(lines, 0);
    }

    private static Invoice issue(List<InvoiceLine> lines, long balanceApplied) {
        return Invoice.issue(
                "KEEL-2026-000001",
                UUID.randomUUID(),
                null,
                BillingReason.SUBSCRIPTION_CYCLE,
                "EUR",
                lines,
                NOW,
                NOW.plusSeconds(60),
                balanceApplied,
                NOW);
    }
}
