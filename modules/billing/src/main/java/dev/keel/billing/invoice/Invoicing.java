package dev.keel.billing.invoice;

import dev.keel.billing.InvoiceIssued;
import dev.keel.billing.InvoicePaid;
import dev.keel.billing.PaymentFailed;
import dev.keel.billing.payment.PaymentGateway;
import dev.keel.billing.payment.PaymentMethod;
import dev.keel.billing.subscription.Subscription;
import dev.keel.platform.persistence.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues invoices and charges them: numbering, the gateway call, the outcome on the invoice, the events
 * and the metrics. Runs inside its callers' transactions, which hold the locks.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Invoicing {

    /** What a charge attempt did. */
    public record Attempt(boolean succeeded, @Nullable String declineCode) {}

    private final InvoiceRepository invoices;
    private final CreditBalances balances;
    private final PaymentGateway gateway;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Counter issued;
    private final Counter paymentsSucceeded;
    private final Counter paymentsDeclined;

    Invoicing(
            InvoiceRepository invoices,
            CreditBalances balances,
            PaymentGateway gateway,
            ApplicationEventPublisher events,
            Clock clock,
            MeterRegistry meters) {
        this.invoices = invoices;
        this.balances = balances;
        this.gateway = gateway;
        this.events = events;
        this.clock = clock;
        this.issued = Counter.builder("keel.invoices.issued")
                .description("Invoices issued")
                .register(meters);
        this.paymentsSucceeded = payments(meters, "succeeded");
        this.paymentsDeclined = payments(meters, "declined");
    }

    private static Counter payments(MeterRegistry meters, String outcome) {
        return Counter.builder("keel.payments")
                .description("Charges of invoices by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Issues a final invoice with the next number, and announces it. The user's credit balance pays first;
     * an invoice it covers in full is paid as it is issued, without a charge.
     */
    public Invoice issue(
            UUID userId,
            @Nullable Subscription subscription,
            BillingReason reason,
            String currency,
            List<InvoiceLine> lines,
            Instant periodStart,
            Instant periodEnd) {
        var now = now();
        var year = now.atZone(ZoneOffset.UTC).getYear();
        var number = String.format(Locale.ROOT, "KEEL-%d-%06d", year, invoices.nextNumber(year));
        var total = lines.stream().mapToLong(InvoiceLine::amount).reduce(0, Math::addExact);
        var fromBalance = balances.draw(userId, currency, total);
        var invoice = invoices.save(Invoice.issue(
                number,
                userId,
                subscription == null ? null : subscription.id(),
                reason,
                currency,
                lines,
                periodStart,
                periodEnd,
                fromBalance,
                now));
        if (subscription != null) {
            subscription.invoiced(invoice);
        }
        issued.increment();
        events.publishEvent(new InvoiceIssued(
                Ids.newId(),
                invoice.id(),
                invoice.number(),
                userId,
                invoice.subscriptionId(),
                invoice.total(),
                invoice.amountDue(),
                invoice.issuedAt(),
                invoice.dueAt(),
                now));
        return invoice;
    }

    /**
     * Charges the amount due of an invoice once. The gateway's idempotency key names the invoice and the
     * attempt, so a retry of an attempt that crashed before it was recorded repeats nothing at the gateway.
     *
     * @param retries when the billing cycle tries again if the charge is declined
     */
    public Attempt charge(Invoice invoice, PaymentMethod card, Retries retries) {
        invoice.ensurePayable();
        // The invoice is written first, so that the one-invoice-per-period constraint is checked before
        // any money moves.
        invoices.flush();
        var charge = gateway.charge(card.gatewayReference(), invoice.amountDue(), chargeKey(invoice));
        var now = now();
        if (charge.succeeded()) {
            var amount = invoice.amountDue();
            invoice.paid(now);
            paymentsSucceeded.increment();
            events.publishEvent(new InvoicePaid(
                    Ids.newId(),
                    invoice.id(),
                    invoice.number(),
                    invoice.userId(),
                    invoice.subscriptionId(),
                    amount,
                    card.brand(),
                    card.last4(),
                    now,
                    now));
            return new Attempt(true, null);
        }
        var declineCode = Objects.requireNonNullElse(charge.declineCode(), "card_declined");
        invoice.paymentFailed(now, retries);
        paymentsDeclined.increment();
        events.publishEvent(failedEvent(invoice, declineCode, now));
        return new Attempt(false, declineCode);
    }

    /**
     * The gateway's idempotency key of the next attempt. A period's invoice is named by its subscription
     * and period, not by its id: if a transaction dies after the gateway charged, the invoice that the
     * retry issues again for that period carries the same key, and the gateway answers with the first
     * charge instead of charging twice.
     */
    static String chargeKey(Invoice invoice) {
        var attempt = ":attempt:" + (invoice.attemptCount() + 1);
        var subscription = invoice.subscriptionId();
        if (subscription != null && invoice.billingReason() != BillingReason.SUBSCRIPTION_UPDATE) {
            return "subscription:" + subscription + ":period:" + invoice.periodStart() + attempt;
        }
        return "invoice:" + invoice.id() + attempt;
    }

    /** Voids an open invoice and gives the credit balance it drew back to its owner. */
    public void voidInvoice(Invoice invoice) {
        var drawn = invoice.voidInvoice();
        balances.credit(invoice.userId(), invoice.money(drawn));
    }

    /** Records a renewal that could not even be attempted because the user has no card left. */
    public Attempt noCard(Invoice invoice, Retries retries) {
        var now = now();
        invoice.paymentFailed(now, retries);
        paymentsDeclined.increment();
        events.publishEvent(failedEvent(invoice, "payment_method_required", now));
        return new Attempt(false, "payment_method_required");
    }

    private static PaymentFailed failedEvent(Invoice invoice, String declineCode, Instant now) {
        return new PaymentFailed(
                Ids.newId(),
                invoice.id(),
                invoice.number(),
                invoice.userId(),
                invoice.subscriptionId(),
                invoice.amountDue(),
                declineCode,
                invoice.attemptCount(),
                invoice.nextPaymentAttemptAt(),
                now);
    }
}
