package dev.keel.billing.cycle;

import dev.keel.billing.SubscriptionPlanChanged;
import dev.keel.billing.SubscriptionRenewed;
import dev.keel.billing.TrialWillEnd;
import dev.keel.billing.catalog.Plan;
import dev.keel.billing.catalog.PlanRepository;
import dev.keel.billing.invoice.BillingReason;
import dev.keel.billing.invoice.InvoiceRepository;
import dev.keel.billing.invoice.InvoiceStatus;
import dev.keel.billing.invoice.Invoicing;
import dev.keel.billing.payment.PaymentMethods;
import dev.keel.billing.subscription.Subscription;
import dev.keel.billing.subscription.SubscriptionRepository;
import dev.keel.billing.subscription.Subscriptions;
import dev.keel.platform.persistence.Ids;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The billing cycle's work on one subscription or one invoice, each in a transaction of its own that
 * holds the row locks. Every step re-checks under the lock that its work is still due, so running a step
 * twice does nothing the second time; the one-invoice-per-period constraint backs that up.
 */
@Component
@Transactional
public class CycleSteps {

    static final String PAYMENT_FAILED = "PAYMENT_FAILED";
    static final String INCOMPLETE_EXPIRED = "INCOMPLETE_EXPIRED";

    /** What one step did, counted into the run's report. */
    public record Outcome(
            int trialWarnings, int renewed, int planChanges, int canceled, int retried, int failedCharges) {

        static final Outcome NOTHING = new Outcome(0, 0, 0, 0, 0, 0);
    }

    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final PlanRepository plans;
    private final PaymentMethods cards;
    private final Invoicing invoicing;
    private final Subscriptions lifecycle;
    private final ApplicationEventPublisher events;
    private final Dunning dunning;

    CycleSteps(
            SubscriptionRepository subscriptions,
            InvoiceRepository invoices,
            PlanRepository plans,
            PaymentMethods cards,
            Invoicing invoicing,
            Subscriptions lifecycle,
            ApplicationEventPublisher events,
            Dunning dunning) {
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.plans = plans;
        this.cards = cards;
        this.invoicing = invoicing;
        this.lifecycle = lifecycle;
        this.events = events;
        this.dunning = dunning;
    }

    /** Trial warning, trial end, period end: whatever is due for one subscription. */
    public Outcome advance(UUID subscriptionId) {
        var subscription = subscriptions.lock(subscriptionId).orElse(null);
        if (subscription == null) {
            return Outcome.NOTHING;
        }
        var now = invoicing.now();
        if (subscription.incompleteExpired(now)) {
            lifecycle.cancelNow(subscription, INCOMPLETE_EXPIRED);
            return new Outcome(0, 0, 0, 1, 0, 0);
        }
        var warnings = 0;
        if (subscription.trialWarningDue(now)) {
            var plan = plan(
                    subscription.pendingPlanCode() == null ? subscription.planCode() : subscription.pendingPlanCode());
            events.publishEvent(new TrialWillEnd(
                    Ids.newId(),
                    subscription.id(),
                    subscription.userId(),
                    plan.code(),
                    plan.name(),
                    plan.price(),
                    subscription.currentPeriodEnd(),
                    now));
            subscription.trialWarningSent();
            warnings = 1;
        }
        if (!subscription.periodEnded(now)) {
            return new Outcome(warnings, 0, 0, 0, 0, 0);
        }
        if (subscription.cancelsAtPeriodEnd()) {
            lifecycle.cancelNow(subscription, Subscriptions.REQUESTED);
            return new Outcome(warnings, 0, 0, 1, 0, 0);
        }
        return renew(subscription, now, warnings);
    }

    private Outcome renew(Subscription subscription, Instant now, int warnings) {
        var previous = plan(subscription.planCode());
        var pending = subscription.pendingPlanCode();
        var plan = pending == null ? previous : plan(pending);
        subscription.enterNextPeriod(plan, previous.interval());
        var changes = 0;
        if (pending != null) {
            changes = 1;
            events.publishEvent(new SubscriptionPlanChanged(
                    Ids.newId(),
                    subscription.id(),
                    subscription.userId(),
                    previous.code(),
                    plan.code(),
                    plan.name(),
                    false,
                    subscription.currentPeriodStart(),
                    now));
        }
        if (plan.price().amount() == 0) {
            announceRenewal(subscription, plan, now);
            return new Outcome(warnings, 1, changes, 0, 0, 0);
        }
        var invoice = invoicing.issue(
                subscription.userId(),
                subscription,
                BillingReason.SUBSCRIPTION_CYCLE,
                plan.price().currency(),
                List.of(Subscriptions.periodLine(plan, subscription)),
                subscription.currentPeriodStart(),
                subscription.currentPeriodEnd());
        var card = cards.cardFor(subscription.userId(), null);
        var attempt =
                card.isPresent() ? invoicing.charge(invoice, card.get(), dunning) : invoicing.noCard(invoice, dunning);
        if (attempt.succeeded()) {
            announceRenewal(subscription, plan, now);
            return new Outcome(warnings, 1, changes, 0, 0, 0);
        }
        subscription.paymentFailed();
        return new Outcome(warnings, 1, changes, 0, 0, 1);
    }

    /** Announced once the new period is paid for (at once for free plans): a declined renewal is not one. */
    private void announceRenewal(Subscription subscription, Plan plan, Instant now) {
        events.publishEvent(new SubscriptionRenewed(
                Ids.newId(),
                subscription.id(),
                subscription.userId(),
                plan.code(),
                plan.name(),
                subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(),
                now));
    }

    /** An automatic retry of a declined renewal; after the last one the subscription is canceled. */
    Outcome retry(UUID invoiceId) {
        var owner = invoices.findOwnerById(invoiceId).orElse(null);
        if (owner == null) {
            return Outcome.NOTHING;
        }
        var subscriptionId = owner.getSubscriptionId();
        var subscription = subscriptionId == null
                ? null
                : subscriptions.lock(subscriptionId).orElse(null);
        var invoice = invoices.lock(invoiceId).orElseThrow();
        var now = invoicing.now();
        var due = invoice.nextPaymentAttemptAt();
        if (invoice.status() != InvoiceStatus.OPEN || due == null || due.isAfter(now)) {
            return Outcome.NOTHING;
        }
        var card = cards.cardFor(invoice.userId(), null);
        var attempt =
                card.isPresent() ? invoicing.charge(invoice, card.get(), dunning) : invoicing.noCard(invoice, dunning);
        if (attempt.succeeded()) {
            if (subscription != null) {
                subscription.paymentSucceeded();
                if (invoice.billingReason() == BillingReason.SUBSCRIPTION_CYCLE
                        && invoice.id().equals(subscription.latestInvoiceId())) {
                    announceRenewal(subscription, plan(subscription.planCode()), now);
                }
            }
            return new Outcome(0, 0, 0, 0, 1, 0);
        }
        if (invoice.nextPaymentAttemptAt() != null) {
            return new Outcome(0, 0, 0, 0, 1, 1);
        }
        invoice.markUncollectible();
        if (subscription != null && subscription.isLive()) {
            lifecycle.cancelNow(subscription, PAYMENT_FAILED);
            return new Outcome(0, 0, 0, 1, 1, 1);
        }
        return new Outcome(0, 0, 0, 0, 1, 1);
    }

    private Plan plan(String code) {
        return plans.findById(code).orElseThrow(() -> new IllegalStateException("Plan " + code + " is gone"));
    }
}
