package dev.keel.billing.cycle;

import dev.keel.billing.BillingCycle.Report;
import dev.keel.billing.SubscriptionCanceled;
import dev.keel.billing.SubscriptionPlanChanged;
import dev.keel.billing.TrialWillEnd;
import dev.keel.billing.catalog.Plan;
import dev.keel.billing.catalog.PlanRepository;
import dev.keel.billing.invoice.BillingReason;
import dev.keel.billing.invoice.InvoiceStatus;
import dev.keel.billing.invoice.Invoicing;
import dev.keel.billing.subscription.InvoiceSettlement;
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

    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final Invoicing invoicing;
    private final Subscriptions lifecycle;
    private final InvoiceSettlement settlement;
    private final ApplicationEventPublisher events;
    private final Dunning dunning;

    CycleSteps(
            SubscriptionRepository subscriptions,
            PlanRepository plans,
            Invoicing invoicing,
            Subscriptions lifecycle,
            InvoiceSettlement settlement,
            ApplicationEventPublisher events,
            Dunning dunning) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.invoicing = invoicing;
        this.lifecycle = lifecycle;
        this.settlement = settlement;
        this.events = events;
        this.dunning = dunning;
    }

    /** Trial warning, trial end, period end: whatever is due for one subscription. */
    public Report advance(UUID subscriptionId) {
        var subscription = subscriptions.lock(subscriptionId).orElse(null);
        if (subscription == null) {
            return Report.NOTHING;
        }
        var now = invoicing.now();
        if (subscription.incompleteExpired(now)) {
            lifecycle.cancelNow(subscription, SubscriptionCanceled.Reason.INCOMPLETE_EXPIRED);
            return new Report(0, 0, 0, 1, 0, 0);
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
            return new Report(warnings, 0, 0, 0, 0, 0);
        }
        if (subscription.cancelsAtPeriodEnd()) {
            lifecycle.cancelNow(subscription, SubscriptionCanceled.Reason.REQUESTED);
            return new Report(warnings, 0, 0, 1, 0, 0);
        }
        return renew(subscription, now, warnings);
    }

    private Report renew(Subscription subscription, Instant now, int warnings) {
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
            lifecycle.announceRenewal(subscription);
            return new Report(warnings, 1, changes, 0, 0, 0);
        }
        var invoice = invoicing.issue(
                subscription.userId(),
                subscription,
                BillingReason.SUBSCRIPTION_CYCLE,
                plan.price().currency(),
                List.of(Subscriptions.periodLine(plan, subscription)),
                subscription.currentPeriodStart(),
                subscription.currentPeriodEnd());
        // A renewal the credit balance covers is paid as it is issued: no card is charged.
        if (invoice.status() == InvoiceStatus.PAID
                || settlement.collect(invoice, dunning).succeeded()) {
            lifecycle.announceRenewal(subscription);
            return new Report(warnings, 1, changes, 0, 0, 0);
        }
        subscription.paymentFailed();
        return new Report(warnings, 1, changes, 0, 0, 1);
    }

    /** An automatic retry of a declined renewal; after the last one the subscription is canceled. */
    Report retry(UUID invoiceId) {
        var locked = settlement.lock(invoiceId).orElse(null);
        if (locked == null) {
            return Report.NOTHING;
        }
        var invoice = locked.invoice();
        var due = invoice.nextPaymentAttemptAt();
        if (invoice.status() != InvoiceStatus.OPEN || due == null || due.isAfter(invoicing.now())) {
            return Report.NOTHING;
        }
        if (settlement.collect(invoice, dunning).succeeded()) {
            settlement.paid(locked);
            return new Report(0, 0, 0, 0, 1, 0);
        }
        if (invoice.nextPaymentAttemptAt() != null) {
            return new Report(0, 0, 0, 0, 1, 1);
        }
        var canceled = settlement.writeOff(locked, false) ? 1 : 0;
        return new Report(0, 0, 0, canceled, 1, 1);
    }

    private Plan plan(String code) {
        return plans.findById(code).orElseThrow(() -> new IllegalStateException("Plan " + code + " is gone"));
    }
}
