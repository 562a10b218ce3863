package dev.keel.billing.subscription;

import dev.keel.billing.Money;
import dev.keel.billing.SubscriptionCanceled;
import dev.keel.billing.SubscriptionPlanChanged;
import dev.keel.billing.SubscriptionRenewed;
import dev.keel.billing.SubscriptionStarted;
import dev.keel.billing.SubscriptionStatus;
import dev.keel.billing.catalog.Plan;
import dev.keel.billing.catalog.PlanRepository;
import dev.keel.billing.catalog.PlanStatus;
import dev.keel.billing.invoice.BillingReason;
import dev.keel.billing.invoice.CreditBalances;
import dev.keel.billing.invoice.InvoiceLine;
import dev.keel.billing.invoice.InvoiceRepository;
import dev.keel.billing.invoice.InvoiceStatus;
import dev.keel.billing.invoice.Invoicing;
import dev.keel.billing.invoice.Retries;
import dev.keel.billing.payment.PaymentMethod;
import dev.keel.billing.payment.PaymentMethods;
import dev.keel.billing.payment.PaymentProblems;
import dev.keel.billing.payment.UserLocks;
import dev.keel.platform.persistence.Ids;
import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.InvalidInput;
import dev.keel.platform.web.NotFound;
import dev.keel.users.UserDeleted;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscribing, changing plans, canceling and resuming: what a user does with a subscription. */
@Service
@Transactional
public class Subscriptions {

    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final PlanRepository plans;
    private final PaymentMethods cards;
    private final Invoicing invoicing;
    private final CreditBalances balances;
    private final UserLocks locks;
    private final ApplicationEventPublisher events;

    Subscriptions(
            SubscriptionRepository subscriptions,
            InvoiceRepository invoices,
            PlanRepository plans,
            PaymentMethods cards,
            Invoicing invoicing,
            CreditBalances balances,
            UserLocks locks,
            ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.plans = plans;
        this.cards = cards;
        this.invoicing = invoicing;
        this.balances = balances;
        this.locks = locks;
        this.events = events;
    }

    /**
     * Subscribes a user. A plan with a trial starts TRIALING without a charge; otherwise the first invoice
     * is issued and charged at once: ACTIVE when paid, INCOMPLETE (invoice left open) when declined. A card
     * is needed only for what the user's credit balance does not cover.
     */
    public Subscription start(UUID userId, String planCode, @Nullable UUID paymentMethodId) {
        locks.lock(userId);
        if (subscriptions.findLive(userId).isPresent()) {
            throw new SubscriptionProblems.SubscriptionExists();
        }
        var plan = activePlan(planCode);
        var card = cards.cardFor(userId, paymentMethodId);
        // One trial per user: whoever had one (on any plan) pays from the start.
        var trial = !subscriptions.hadTrial(userId);
        if (plan.price().amount() > balances.available(userId, plan.price().currency()) && card.isEmpty()) {
            throw new PaymentProblems.PaymentMethodRequired();
        }
        var now = invoicing.now();
        var subscription = subscriptions.save(Subscription.start(userId, plan, trial, now));
        if (subscription.status() == SubscriptionStatus.INCOMPLETE) {
            var invoice = invoicing.issue(
                    userId,
                    subscription,
                    BillingReason.SUBSCRIPTION_CREATE,
                    plan.price().currency(),
                    List.of(periodLine(plan, subscription)),
                    subscription.currentPeriodStart(),
                    subscription.currentPeriodEnd());
            // No automatic retries for a first charge: the user is present and pays the open invoice.
            if (invoice.status() == InvoiceStatus.PAID
                    || invoicing
                            .charge(invoice, cardToCharge(card), Retries.NONE)
                            .succeeded()) {
                subscription.paymentSucceeded();
            }
        }
        events.publishEvent(new SubscriptionStarted(
                Ids.newId(),
                subscription.id(),
                userId,
                plan.code(),
                plan.name(),
                subscription.status(),
                subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(),
                subscription.trialEnd(),
                now));
        return subscription;
    }

    public static InvoiceLine periodLine(Plan plan, Subscription subscription) {
        return InvoiceLine.period(
                Proration.periodDescription(plan.name(), plan.interval()),
                plan.price().amount(),
                subscription.currentPeriodStart(),
                subscription.currentPeriodEnd());
    }

    @Transactional(readOnly = true)
    List<Subscription> page(UUID userId, @Nullable UUID after, int limit) {
        return subscriptions.findPage(userId, after, Limit.of(limit + 1));
    }

    @Transactional(readOnly = true)
    Subscription get(UUID userId, UUID id) {
        return subscriptions.findByIdAndUserId(id, userId).orElseThrow(() -> new NotFound("Subscription"));
    }

    /** Cancels now, or at the end of the period (the subscription stays active until then). */
    Subscription cancel(UUID userId, UUID id, boolean atPeriodEnd) {
        var subscription = locked(userId, id);
        if (atPeriodEnd) {
            subscription.cancelAtPeriodEnd();
        } else {
            cancelNow(subscription, SubscriptionCanceled.Reason.REQUESTED);
        }
        return subscription;
    }

    Subscription resume(UUID userId, UUID id) {
        var subscription = locked(userId, id);
        subscription.resume();
        return subscription;
    }

    /**
     * Upgrades (a higher price per month, each plan over its own interval) take effect now. Within the same
     * interval the proration invoice credits the rest of the period and charges the new plan for it; onto
     * another interval a full period of the new plan starts now, charged less the credit for the unused old
     * period, and credit beyond the charge goes to the user's balance. If that charge is declined nothing
     * changes (402). Downgrades wait for the period end. During a trial any change applies at once, with
     * nothing to charge. Choosing the current plan again undoes a pending downgrade.
     */
    Subscription changePlan(UUID userId, UUID id, String planCode) {
        var subscription = locked(userId, id);
        subscription.ensureActiveOrTrialing();
        var current = plan(subscription.planCode());
        var target = activePlan(planCode);
        if (target.code().equals(current.code())) {
            if (subscription.pendingPlanCode() == null) {
                throw new SubscriptionProblems.PlanUnchanged();
            }
            subscription.keepPlan();
            return subscription;
        }
        if (!target.price().currency().equals(current.price().currency())) {
            throw new SubscriptionProblems.CurrencyMismatch();
        }
        var now = invoicing.now();
        var upgrade = Proration.Offer.of(target).costsMorePerMonthThan(Proration.Offer.of(current));
        if (subscription.status() == SubscriptionStatus.TRIALING || !now.isBefore(subscription.currentPeriodEnd())) {
            // Nothing was paid for a trial, and a period that already ended is renewed on the new plan.
            subscription.switchPlan(target, current.interval());
        } else {
            var decision = Proration.decide(
                    Proration.Offer.of(current),
                    Proration.Offer.of(target),
                    subscription.currentPeriodStart(),
                    subscription.currentPeriodEnd(),
                    now);
            switch (decision) {
                case Proration.Decision.AtPeriodEnd() -> {
                    subscription.switchPlanAtPeriodEnd(target);
                    return subscription;
                }
                case Proration.Decision.RestOfPeriod rest -> {
                    subscription.switchPlan(target, current.interval());
                    invoiceChange(subscription, target, rest.lines(), rest.start(), rest.end());
                }
                case Proration.Decision.NewPeriod next -> {
                    subscription.restartPeriod(target, now);
                    invoiceChange(subscription, target, next.lines(), next.start(), next.end());
                    balances.credit(
                            userId, Money.of(next.toBalance(), target.price().currency()));
                }
            }
        }
        events.publishEvent(new SubscriptionPlanChanged(
                Ids.newId(),
                subscription.id(),
                userId,
                current.code(),
                target.code(),
                target.name(),
                upgrade,
                now,
                now));
        return subscription;
    }

    /** Issues the invoice of a plan change and charges what the credit balance does not cover. */
    private void invoiceChange(
            Subscription subscription, Plan target, List<InvoiceLine> lines, Instant start, Instant end) {
        var currency = target.price().currency();
        var total = lines.stream().mapToLong(InvoiceLine::amount).sum();
        var card = cards.cardFor(subscription.userId(), null);
        if (total > balances.available(subscription.userId(), currency) && card.isEmpty()) {
            throw new PaymentProblems.PaymentMethodRequired();
        }
        var invoice = invoicing.issue(
                subscription.userId(), subscription, BillingReason.SUBSCRIPTION_UPDATE, currency, lines, start, end);
        if (invoice.status() == InvoiceStatus.OPEN) {
            var attempt = invoicing.charge(invoice, cardToCharge(card), Retries.NONE);
            if (!attempt.succeeded()) {
                // Rolls the whole change back: the plan stays as it was and no invoice remains.
                throw new PaymentProblems.PaymentDeclined(Objects.requireNonNull(attempt.declineCode()));
            }
        }
    }

    /** The card for an invoice the balance did not cover; one may have been spent since it was checked. */
    private static PaymentMethod cardToCharge(Optional<PaymentMethod> card) {
        return card.orElseThrow(PaymentProblems.PaymentMethodRequired::new);
    }

    /**
     * Ends a subscription now. Its open invoices are no longer retried and can still be paid by hand,
     * except the first invoice of a subscription that never started (INCOMPLETE): nothing was delivered,
     * so it is voided.
     */
    public void cancelNow(Subscription subscription, SubscriptionCanceled.Reason reason) {
        var now = invoicing.now();
        var neverStarted = subscription.status() == SubscriptionStatus.INCOMPLETE;
        subscription.cancelNow(now);
        invoices.findOpen(subscription.id()).forEach(invoice -> {
            if (neverStarted) {
                invoicing.voidInvoice(invoice);
            } else {
                invoice.stopRetries();
            }
        });
        var plan = plan(subscription.planCode());
        events.publishEvent(new SubscriptionCanceled(
                Ids.newId(),
                subscription.id(),
                subscription.userId(),
                plan.code(),
                plan.name(),
                reason,
                Objects.requireNonNull(subscription.canceledAt()),
                now));
    }

    /** Announced once the new period is paid for (at once for free plans): a declined renewal is not one. */
    public void announceRenewal(Subscription subscription) {
        var plan = plan(subscription.planCode());
        events.publishEvent(new SubscriptionRenewed(
                Ids.newId(),
                subscription.id(),
                subscription.userId(),
                plan.code(),
                plan.name(),
                subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(),
                invoicing.now()));
    }

    /**
     * A deleted account is no longer billed: its subscription ends, its open invoices are voided and its
     * credit balance is erased.
     */
    @ApplicationModuleListener
    void on(UserDeleted event) {
        locks.lock(event.userId());
        subscriptions
                .lockLive(event.userId())
                .ifPresent(subscription -> cancelNow(subscription, SubscriptionCanceled.Reason.ACCOUNT_DELETED));
        invoices.findOpenOfUser(event.userId()).forEach(invoicing::voidInvoice);
        balances.erase(event.userId());
    }

    private Subscription locked(UUID userId, UUID id) {
        return subscriptions
                .lock(id)
                .filter(subscription -> subscription.userId().equals(userId))
                .orElseThrow(() -> new NotFound("Subscription"));
    }

    private Plan plan(String code) {
        return plans.findById(code).orElseThrow(() -> new IllegalStateException("Plan " + code + " is gone"));
    }

    /** Read under a share lock: an admin cannot reprice the plan until this subscription is committed. */
    private Plan activePlan(String code) {
        return plans.lockForShare(code)
                .filter(plan -> plan.status() == PlanStatus.ACTIVE)
                .orElseThrow(() -> new InvalidInput(
                        new FieldViolation("planCode", "unknown_plan", "No active plan has this code.")));
    }
}
