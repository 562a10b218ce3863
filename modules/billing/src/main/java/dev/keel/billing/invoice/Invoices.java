package dev.keel.billing.invoice;

import dev.keel.billing.payment.PaymentMethods;
import dev.keel.billing.payment.PaymentProblems;
import dev.keel.billing.subscription.SubscriptionRepository;
import dev.keel.billing.subscription.SubscriptionStatus;
import dev.keel.billing.subscription.Subscriptions;
import dev.keel.platform.web.NotFound;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading, paying and settling invoices. */
@Service
@Transactional
class Invoices {

    private final InvoiceRepository invoices;
    private final SubscriptionRepository subscriptions;
    private final PaymentMethods cards;
    private final Invoicing invoicing;
    private final Subscriptions lifecycle;

    Invoices(
            InvoiceRepository invoices,
            SubscriptionRepository subscriptions,
            PaymentMethods cards,
            Invoicing invoicing,
            Subscriptions lifecycle) {
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.cards = cards;
        this.invoicing = invoicing;
        this.lifecycle = lifecycle;
    }

    @Transactional(readOnly = true)
    Invoice get(UUID userId, UUID id) {
        return invoices.findByIdAndUserId(id, userId).orElseThrow(() -> new NotFound("Invoice"));
    }

    /**
     * Pays an open (or uncollectible) invoice by hand. Concurrent payments of one invoice queue on its row
     * lock, so only the first charges; the others find it paid (409). A declined charge is recorded and
     * answered 402, the invoice stays open.
     */
    @Transactional(noRollbackFor = PaymentProblems.PaymentDeclined.class)
    Invoice pay(UUID userId, UUID id, @Nullable UUID paymentMethodId) {
        var subscriptionId = invoices.findOwnerByIdAndUserId(id, userId)
                .orElseThrow(() -> new NotFound("Invoice"))
                .getSubscriptionId();
        // Always the subscription before its invoice, like the billing cycle, so the two never deadlock.
        var subscription = subscriptionId == null
                ? null
                : subscriptions.lock(subscriptionId).orElse(null);
        var invoice = invoices.lock(id).orElseThrow(() -> new NotFound("Invoice"));
        invoice.ensurePayable();
        var card = cards.cardFor(userId, paymentMethodId).orElseThrow(PaymentProblems.PaymentMethodRequired::new);
        var attempt = invoicing.charge(invoice, card, Retries.UNCHANGED);
        if (!attempt.succeeded()) {
            throw new PaymentProblems.PaymentDeclined(Objects.requireNonNull(attempt.declineCode()));
        }
        if (subscription != null && Objects.equals(subscription.latestInvoiceId(), invoice.id())) {
            subscription.paymentSucceeded();
        }
        return invoice;
    }

    /** Voids an open invoice: a past-due subscription is forgiven the period, one that never started ends. */
    Invoice voidInvoice(UUID id) {
        return settle(id, true);
    }

    /** Gives up on an open invoice: its subscription, if it waited for this payment, ends. */
    Invoice markUncollectible(UUID id) {
        return settle(id, false);
    }

    private Invoice settle(UUID id, boolean forgiven) {
        var subscriptionId = invoices.findOwnerById(id)
                .orElseThrow(() -> new NotFound("Invoice"))
                .getSubscriptionId();
        var subscription = subscriptionId == null
                ? null
                : subscriptions.lock(subscriptionId).orElse(null);
        var invoice = invoices.lock(id).orElseThrow(() -> new NotFound("Invoice"));
        if (forgiven) {
            invoice.voidInvoice();
        } else {
            invoice.markUncollectible();
        }
        if (subscription != null && invoice.id().equals(subscription.latestInvoiceId()) && subscription.isLive()) {
            var wasLive = subscription.status();
            subscription.latestInvoiceSettledWithoutPayment(forgiven, invoicing.now());
            if (!subscription.isLive() && wasLive != SubscriptionStatus.CANCELED) {
                lifecycle.announceCanceled(subscription, forgiven ? "INVOICE_VOIDED" : "PAYMENT_FAILED");
            }
        }
        return invoice;
    }
}
