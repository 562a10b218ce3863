package dev.keel.billing.subscription;

import dev.keel.billing.SubscriptionStatus;
import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.Plan;
import dev.keel.billing.invoice.Invoice;
import dev.keel.platform.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user's subscription to a plan, and the state machine of its life: TRIALING or INCOMPLETE at the start,
 * ACTIVE while paid, PAST_DUE while a renewal is unpaid, CANCELED at the end. {@code nextActionAt} is when
 * the billing cycle next has work for it (a trial warning, the trial end, the period end), or null.
 */
@Entity
@Table(name = "subscriptions")
public class Subscription {

    static final Duration TRIAL_WARNING = Duration.ofDays(3);

    /** How long a subscription whose first charge was declined waits for that invoice to be paid. */
    static final Duration INCOMPLETE_EXPIRY = Duration.ofHours(23);

    @Id
    private UUID id;

    private UUID userId;

    private String planCode;

    @Enumerated(EnumType.STRING)
    private SubscriptionStatus status;

    private Instant currentPeriodStart;

    private Instant currentPeriodEnd;

    private Instant billingAnchor;

    private @Nullable Instant trialEnd;

    private boolean trialWarned;

    private boolean cancelAtPeriodEnd;

    private @Nullable Instant canceledAt;

    private @Nullable String pendingPlanCode;

    private @Nullable UUID latestInvoiceId;

    private @Nullable Instant nextActionAt;

    private Instant createdAt;

    @Version
    @Column(nullable = false)
    private @Nullable Long version;

    @SuppressWarnings("NullAway.Init")
    protected Subscription() {}

    private Subscription(UUID userId, Plan plan, boolean trial, Instant now) {
        this.id = Ids.newId();
        this.userId = userId;
        this.planCode = plan.code();
        this.currentPeriodStart = now;
        this.createdAt = now;
        if (trial && plan.trialDays() > 0) {
            this.status = SubscriptionStatus.TRIALING;
            this.trialEnd = now.plus(plan.trialDays(), ChronoUnit.DAYS);
            this.currentPeriodEnd = trialEnd;
            this.billingAnchor = trialEnd;
        } else {
            // Until the first invoice is paid; free plans have nothing to pay.
            this.status = plan.price().amount() == 0 ? SubscriptionStatus.ACTIVE : SubscriptionStatus.INCOMPLETE;
            this.billingAnchor = now;
            this.currentPeriodEnd = plan.interval().after(now, 1);
        }
        reschedule();
    }

    /**
     * Starts a subscription.
     *
     * @param trial whether the plan's trial applies (one trial per user)
     */
    static Subscription start(UUID userId, Plan plan, boolean trial, Instant now) {
        return new Subscription(userId, plan, trial, now);
    }

    /** Recomputes when the billing cycle next has work for this subscription. */
    private void reschedule() {
        nextActionAt = switch (status) {
            case TRIALING -> trialWarned ? currentPeriodEnd : currentPeriodEnd.minus(TRIAL_WARNING);
            case ACTIVE -> currentPeriodEnd;
            case INCOMPLETE -> createdAt.plus(INCOMPLETE_EXPIRY);
            case PAST_DUE, CANCELED -> null;
        };
    }

    public boolean isLive() {
        return status != SubscriptionStatus.CANCELED;
    }

    public boolean trialWarningDue(Instant now) {
        return status == SubscriptionStatus.TRIALING
                && !trialWarned
                && !now.isBefore(currentPeriodEnd.minus(TRIAL_WARNING));
    }

    public void trialWarningSent() {
        trialWarned = true;
        reschedule();
    }

    /** A first invoice left unpaid for too long: the subscription never starts. */
    public boolean incompleteExpired(Instant now) {
        return status == SubscriptionStatus.INCOMPLETE && !now.isBefore(createdAt.plus(INCOMPLETE_EXPIRY));
    }

    public boolean periodEnded(Instant now) {
        return (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING)
                && !now.isBefore(currentPeriodEnd);
    }

    /**
     * Enters the period after the current one (after the trial, or a renewal) on {@code plan}, which is
     * the pending plan when a downgrade was waiting. Payment for it decides ACTIVE or PAST_DUE.
     */
    public void enterNextPeriod(Plan plan, BillingInterval currentInterval) {
        planCode = plan.code();
        pendingPlanCode = null;
        var start = currentPeriodEnd;
        if (plan.interval() != currentInterval) {
            // A monthly plan becoming yearly (or back) starts its own calendar here: a full period.
            billingAnchor = start;
        }
        currentPeriodStart = start;
        currentPeriodEnd = plan.interval().nextBoundary(billingAnchor, start);
        status = SubscriptionStatus.ACTIVE;
        reschedule();
    }

    public void invoiced(Invoice invoice) {
        latestInvoiceId = invoice.id();
    }

    /** The latest invoice was paid: INCOMPLETE and PAST_DUE subscriptions become ACTIVE again. */
    public void paymentSucceeded() {
        if (status == SubscriptionStatus.INCOMPLETE || status == SubscriptionStatus.PAST_DUE) {
            status = SubscriptionStatus.ACTIVE;
            reschedule();
        }
    }

    /** A renewal charge was declined: PAST_DUE while dunning retries; a first charge leaves it INCOMPLETE. */
    public void paymentFailed() {
        if (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING) {
            status = SubscriptionStatus.PAST_DUE;
            reschedule();
        }
    }

    void cancelNow(Instant now) {
        if (status == SubscriptionStatus.CANCELED) {
            throw new SubscriptionProblems.SubscriptionCanceled();
        }
        status = SubscriptionStatus.CANCELED;
        canceledAt = now;
        cancelAtPeriodEnd = false;
        pendingPlanCode = null;
        reschedule();
    }

    void cancelAtPeriodEnd() {
        ensureActiveOrTrialing();
        cancelAtPeriodEnd = true;
    }

    void resume() {
        if (status == SubscriptionStatus.CANCELED) {
            throw new SubscriptionProblems.SubscriptionCanceled();
        }
        if (!cancelAtPeriodEnd) {
            throw new SubscriptionProblems.NothingToResume();
        }
        cancelAtPeriodEnd = false;
    }

    public boolean cancelsAtPeriodEnd() {
        return cancelAtPeriodEnd;
    }

    /** Checks that the plan may change now: only ACTIVE and TRIALING subscriptions change plans. */
    void ensureActiveOrTrialing() {
        if (status == SubscriptionStatus.CANCELED) {
            throw new SubscriptionProblems.SubscriptionCanceled();
        }
        if (status != SubscriptionStatus.ACTIVE && status != SubscriptionStatus.TRIALING) {
            throw new SubscriptionProblems.SubscriptionNotActive(status);
        }
    }

    /**
     * Switches plans at once (an upgrade, or any change during the trial). The current period keeps its
     * end; from there the new plan's periods follow, counted from that end when the interval changes.
     */
    void switchPlan(Plan plan, BillingInterval currentInterval) {
        ensureActiveOrTrialing();
        planCode = plan.code();
        pendingPlanCode = null;
        if (plan.interval() != currentInterval) {
            billingAnchor = currentPeriodEnd;
        }
    }

    /**
     * Switches plans at once onto another interval: the new plan's calendar starts now, with a full period
     * of it (the invoice for it credits what is left of the old one).
     */
    void restartPeriod(Plan plan, Instant now) {
        ensureActiveOrTrialing();
        planCode = plan.code();
        pendingPlanCode = null;
        billingAnchor = now;
        currentPeriodStart = now;
        currentPeriodEnd = plan.interval().after(now, 1);
        reschedule();
    }

    /** Undoes a pending downgrade: the plan stays as it is. */
    void keepPlan() {
        ensureActiveOrTrialing();
        pendingPlanCode = null;
    }

    /**
     * Its latest invoice was settled without payment: voided (forgiven) or written off. A forgiven
     * past-due period counts as paid; otherwise, and always for a subscription that never started,
     * nothing will be collected for the period.
     *
     * @return whether the subscription must end for it
     */
    boolean latestInvoiceWrittenOff(boolean forgiven) {
        if (status == SubscriptionStatus.INCOMPLETE || (status == SubscriptionStatus.PAST_DUE && !forgiven)) {
            return true;
        }
        if (status == SubscriptionStatus.PAST_DUE) {
            status = SubscriptionStatus.ACTIVE;
            reschedule();
        }
        return false;
    }

    /** Whether this user already had a trial (on any subscription). */
    boolean hadTrial() {
        return trialEnd != null;
    }

    /** Switches plans at the end of the period (a downgrade). */
    void switchPlanAtPeriodEnd(Plan plan) {
        ensureActiveOrTrialing();
        pendingPlanCode = plan.code();
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String planCode() {
        return planCode;
    }

    public SubscriptionStatus status() {
        return status;
    }

    public Instant currentPeriodStart() {
        return currentPeriodStart;
    }

    public Instant currentPeriodEnd() {
        return currentPeriodEnd;
    }

    @Nullable
    Instant trialEnd() {
        return trialEnd;
    }

    @Nullable
    Instant canceledAt() {
        return canceledAt;
    }

    @Nullable
    public String pendingPlanCode() {
        return pendingPlanCode;
    }

    @Nullable
    public UUID latestInvoiceId() {
        return latestInvoiceId;
    }

    @Nullable
    Instant nextActionAt() {
        return nextActionAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
