package dev.keel.billing.subscription;

import dev.keel.billing.SubscriptionCanceled;
import dev.keel.billing.SubscriptionStatus;
import dev.keel.billing.invoice.BillingReason;
import dev.keel.billing.invoice.Invoice;
import dev.keel.billing.invoice.InvoiceRepository;
import dev.keel.billing.invoice.Invoicing;
import dev.keel.billing.invoice.Retries;
import dev.keel.billing.payment.PaymentMethods;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one path from an invoice's outcome to its subscription, for payments by hand, the billing cycle's
 * retries and an admin's write-offs alike: it locks the two (always the subscription first, then its
 * invoice, so that no two transactions deadlock), collects a charge, and applies a payment or a write-off
 * to the subscription that waited for it. Runs inside its callers' transactions.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class InvoiceSettlement {

    /**
     * An invoice and its subscription, both locked.
     *
     * @param subscription null for an invoice without a subscription
     */
    public record Locked(@Nullable Subscription subscription, Invoice invoice) {

        /** Its subscription, when this invoice is the one that subscription waits for. */
        private Optional<Subscription> waitingSubscription() {
            return Optional.ofNullable(subscription)
                    .filter(waiting -> invoice.id().equals(waiting.latestInvoiceId()) && waiting.isLive());
        }
    }

    private final InvoiceRepository invoices;
    private final SubscriptionRepository subscriptions;
    private final PaymentMethods cards;
    private final Invoicing invoicing;
    private final Subscriptions lifecycle;

    InvoiceSettlement(
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

    /** Locks an invoice and its subscription; empty when there is no such invoice. */
    public Optional<Locked> lock(UUID invoiceId) {
        return lock(invoices.findOwnerById(invoiceId), invoiceId);
    }

    /** Locks one of the user's invoices and its subscription; empty when the user has no such invoice. */
    public Optional<Locked> lock(UUID userId, UUID invoiceId) {
        return lock(invoices.findOwnerByIdAndUserId(invoiceId, userId), invoiceId);
    }

    private Optional<Locked> lock(Optional<InvoiceRepository.Owner> owner, UUID invoiceId) {
        return owner.flatMap(found -> {
            var subscriptionId = found.getSubscriptionId();
            var subscription = subscriptionId == null
                    ? null
                    : subscriptions.lock(subscriptionId).orElse(null);
            return invoices.lock(invoiceId).map(invoice -> new Locked(subscription, invoice));
        });
    }

    /** Charges the invoice to its owner's default card, or records that there is no card to charge. */
    public Invoicing.Attempt collect(Invoice invoice, Retries retries) {
        var card = cards.cardFor(invoice.userId(), null);
        return card.isPresent() ? invoicing.charge(invoice, card.get(), retries) : invoicing.noCard(invoice, retries);
    }

    /**
     * The invoice has been paid: a subscription that waited for it is active again, and a renewal that
     * was past due is announced now that its period is paid for.
     */
    public void paid(Locked locked) {
        locked.waitingSubscription().ifPresent(subscription -> {
            var pastDue = subscription.status() == SubscriptionStatus.PAST_DUE;
            subscription.paymentSucceeded();
            if (pastDue && locked.invoice().billingReason() == BillingReason.SUBSCRIPTION_CYCLE) {
                lifecycle.announceRenewal(subscription);
            }
        });
    }

    /**
     * Settles an unpaid invoice without payment: voided (forgiven) or written off as uncollectible. A
     * subscription that waited for it ends, unless a forgiven past-due period simply counts as paid.
     *
     * @return whether a subscription ended
     */
    public boolean writeOff(Locked locked, boolean forgiven) {
        var invoice = locked.invoice();
        if (forgiven) {
            invoicing.voidInvoice(invoice);
        } else {
            invoice.markUncollectible();
        }
        var ending =
                locked.waitingSubscription().filter(subscription -> subscription.latestInvoiceWrittenOff(forgiven));
        ending.ifPresent(subscription -> lifecycle.cancelNow(
                subscription,
                forgiven ? SubscriptionCanceled.Reason.INVOICE_VOIDED : SubscriptionCanceled.Reason.PAYMENT_FAILED));
        return ending.isPresent();
    }
}
