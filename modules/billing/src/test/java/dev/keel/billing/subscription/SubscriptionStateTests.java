package dev.keel.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.billing.SubscriptionStatus;
import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.Plan;
import dev.keel.billing.catalog.TestPlans;
import dev.keel.platform.web.Conflict;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The subscription state machine on its own: how each status starts, every transition from every status,
 * allowed or refused, and when the billing cycle next has work for the subscription.
 */
class SubscriptionStateTests {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Plan TRIAL = TestPlans.plan("trial", 1_000, BillingInterval.MONTH, 14);
    private static final Plan PAID = TestPlans.plan("paid", 1_000, BillingInterval.MONTH, 0);
    private static final Plan FREE = TestPlans.plan("free", 0, BillingInterval.MONTH, 0);
    private static final Plan YEARLY = TestPlans.plan("yearly", 10_000, BillingInterval.YEAR, 0);

    @Test
    void aPlanWithATrialStartsTrialingAndIsFirstDueForTheTrialWarning() {
        var subscription = Subscription.start(UUID.randomUUID(), TRIAL, true, NOW);

        assertThat(subscription.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(subscription.trialEnd()).isEqualTo(NOW.plus(Duration.ofDays(14)));
        assertThat(subscription.currentPeriodEnd()).isEqualTo(subscription.trialEnd());
        assertThat(subscription.nextActionAt()).isEqualTo(NOW.plus(Duration.ofDays(11)));
        assertThat(subscription.hadTrial()).isTrue();
    }

    @Test
    void withoutATrialAPaidPlanStartsIncompleteUntilItsFirstInvoiceIsPaid() {
        var secondTrial = Subscription.start(UUID.randomUUID(), TRIAL, false, NOW);
        var paid = Subscription.start(UUID.randomUUID(), PAID, true, NOW);

        for (var subscription : new Subscription[] {secondTrial, paid}) {
            assertThat(subscription.status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
            assertThat(subscription.trialEnd()).isNull();
            assertThat(subscription.currentPeriodEnd()).isEqualTo(BillingInterval.MONTH.after(NOW, 1));
            assertThat(subscription.nextActionAt()).isEqualTo(NOW.plus(Subscription.INCOMPLETE_EXPIRY));
        }
    }

    @Test
    void aFreePlanStartsActiveAndIsDueAtItsPeriodEnd() {
        var subscription = Subscription.start(UUID.randomUUID(), FREE, false, NOW);

        assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(subscription.nextActionAt()).isEqualTo(subscription.currentPeriodEnd());
    }

    @Test
    void theTrialWarningIsDueOnceThreeDaysBeforeTheTrialEnds() {
        var subscription = Subscription.start(UUID.randomUUID(), TRIAL, true, NOW);
        var warningAt = subscription.currentPeriodEnd().minus(Subscription.TRIAL_WARNING);

        assertThat(subscription.trialWarningDue(warningAt.minusSeconds(1))).isFalse();
        assertThat(subscription.trialWarningDue(warningAt)).isTrue();

        subscription.trialWarningSent();

        assertThat(subscription.trialWarningDue(warningAt)).isFalse();
        assertThat(subscription.nextActionAt()).isEqualTo(subscription.currentPeriodEnd());
    }

    @Test
    void anIncompleteSubscriptionExpiresAfterItsWait() {
        var subscription = Subscription.start(UUID.randomUUID(), PAID, false, NOW);
        var expiry = NOW.plus(Subscription.INCOMPLETE_EXPIRY);

        assertThat(subscription.incompleteExpired(expiry.minusSeconds(1))).isFalse();
        assertThat(subscription.incompleteExpired(expiry)).isTrue();
        assertThat(subscription.periodEnded(subscription.currentPeriodEnd())).isFalse();
    }

    @ParameterizedTest(name = "{0}: period ended at its end = {1}")
    @CsvSource({"TRIALING, true", "ACTIVE, true", "PAST_DUE, false", "INCOMPLETE, false", "CANCELED, false"})
    void onlyTrialingAndActiveSubscriptionsReachTheirPeriodEnd(SubscriptionStatus status, boolean ended) {
        var subscription = in(status);

        assertThat(subscription.periodEnded(subscription.currentPeriodEnd().minusSeconds(1)))
                .isFalse();
        assertThat(subscription.periodEnded(subscription.currentPeriodEnd())).isEqualTo(ended);
    }

    @Test
    void theNextPeriodFollowsOnTheSameCalendarAndIsActive() {
        var subscription = Subscription.start(UUID.randomUUID(), TRIAL, true, NOW);
        var trialEnd = subscription.currentPeriodEnd();

        subscription.enterNextPeriod(TRIAL, BillingInterval.MONTH);

        assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(subscription.currentPeriodStart()).isEqualTo(trialEnd);
        assertThat(subscription.currentPeriodEnd()).isEqualTo(BillingInterval.MONTH.after(trialEnd, 1));
        assertThat(subscription.nextActionAt()).isEqualTo(subscription.currentPeriodEnd());
    }

    @Test
    void aPendingPlanWithAnotherIntervalTakesOverAtThePeriodEndWithItsOwnCalendar() {
        var subscription = in(SubscriptionStatus.ACTIVE);
        var end = subscription.currentPeriodEnd();
        subscription.switchPlanAtPeriodEnd(YEARLY);
        assertThat(subscription.pendingPlanCode()).isEqualTo("yearly");

        subscription.enterNextPeriod(YEARLY, BillingInterval.MONTH);

        assertThat(subscription.planCode()).isEqualTo("yearly");
        assertThat(subscription.pendingPlanCode()).isNull();
        assertThat(subscription.currentPeriodEnd()).isEqualTo(BillingInterval.YEAR.after(end, 1));
    }

    /**
     * Every status against every transition: the status it leads to, or the problem that refuses it (a
     * refused transition changes nothing). "ends" means the subscription must be canceled for it.
     */
    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            TRIALING   | paymentSucceeded      | TRIALING
            ACTIVE     | paymentSucceeded      | ACTIVE
            PAST_DUE   | paymentSucceeded      | ACTIVE
            INCOMPLETE | paymentSucceeded      | ACTIVE
            CANCELED   | paymentSucceeded      | CANCELED
            TRIALING   | paymentFailed         | PAST_DUE
            ACTIVE     | paymentFailed         | PAST_DUE
            PAST_DUE   | paymentFailed         | PAST_DUE
            INCOMPLETE | paymentFailed         | INCOMPLETE
            CANCELED   | paymentFailed         | CANCELED
            TRIALING   | cancelNow             | CANCELED
            ACTIVE     | cancelNow             | CANCELED
            PAST_DUE   | cancelNow             | CANCELED
            INCOMPLETE | cancelNow             | CANCELED
            CANCELED   | cancelNow             | refused: SubscriptionCanceled
            TRIALING   | cancelAtPeriodEnd     | TRIALING
            ACTIVE     | cancelAtPeriodEnd     | ACTIVE
            PAST_DUE   | cancelAtPeriodEnd     | refused: SubscriptionNotActive
            INCOMPLETE | cancelAtPeriodEnd     | refused: SubscriptionNotActive
            CANCELED   | cancelAtPeriodEnd     | refused: SubscriptionCanceled
            TRIALING   | resume                | refused: NothingToResume
            ACTIVE     | resume                | refused: NothingToResume
            PAST_DUE   | resume                | refused: NothingToResume
            INCOMPLETE | resume                | refused: NothingToResume
            CANCELED   | resume                | refused: SubscriptionCanceled
            TRIALING   | switchPlan            | TRIALING
            ACTIVE     | switchPlan            | ACTIVE
            PAST_DUE   | switchPlan            | refused: SubscriptionNotActive
            INCOMPLETE | switchPlan            | refused: SubscriptionNotActive
            CANCELED   | switchPlan            | refused: SubscriptionCanceled
            TRIALING   | switchPlanAtPeriodEnd | TRIALING
            ACTIVE     | switchPlanAtPeriodEnd | ACTIVE
            PAST_DUE   | switchPlanAtPeriodEnd | refused: SubscriptionNotActive
            INCOMPLETE | switchPlanAtPeriodEnd | refused: SubscriptionNotActive
            CANCELED   | switchPlanAtPeriodEnd | refused: SubscriptionCanceled
            TRIALING   | keepPlan              | TRIALING
            ACTIVE     | keepPlan              | ACTIVE
            PAST_DUE   | keepPlan              | refused: SubscriptionNotActive
            INCOMPLETE | keepPlan              | refused: SubscriptionNotActive
            CANCELED   | keepPlan              | refused: SubscriptionCanceled
            TRIALING   | writtenOff            | TRIALING
            ACTIVE     | writtenOff            | ACTIVE
            PAST_DUE   | writtenOff            | ends
            INCOMPLETE | writtenOff            | ends
            CANCELED   | writtenOff            | CANCELED
            TRIALING   | forgiven              | TRIALING
            ACTIVE     | forgiven              | ACTIVE
            PAST_DUE   | forgiven              | ACTIVE
            INCOMPLETE | forgiven              | ends
            CANCELED   | forgiven              | CANCELED
            """)
    void transitions(SubscriptionStatus from, String transition, String outcome) {
        var subscription = in(from);
        var ends = new boolean[1];
        Consumer<Subscription> apply = switch (transition) {
            case "paymentSucceeded" -> Subscription::paymentSucceeded;
            case "paymentFailed" -> Subscription::paymentFailed;
            case "cancelNow" -> it -> it.cancelNow(NOW);
            case "cancelAtPeriodEnd" -> Subscription::cancelAtPeriodEnd;
            case "resume" -> Subscription::resume;
            case "switchPlan" -> it -> it.switchPlan(YEARLY, BillingInterval.MONTH);
            case "switchPlanAtPeriodEnd" -> it -> it.switchPlanAtPeriodEnd(YEARLY);
            case "keepPlan" -> Subscription::keepPlan;
            case "writtenOff" -> it -> ends[0] = it.latestInvoiceWrittenOff(false);
            case "forgiven" -> it -> ends[0] = it.latestInvoiceWrittenOff(true);
            default -> throw new IllegalArgumentException(transition);
        };

        if (outcome.startsWith("refused: ")) {
            var before = snapshot(subscription);
            assertThatThrownBy(() -> apply.accept(subscription))
                    .isInstanceOf(Conflict.class)
                    .extracting(problem -> problem.getClass().getSimpleName())
                    .isEqualTo(outcome.substring("refused: ".length()));
            assertThat(snapshot(subscription)).isEqualTo(before);
            return;
        }
        apply.accept(subscription);
        if (outcome.equals("ends")) {
            assertThat(ends[0]).isTrue();
            assertThat(subscription.status()).isEqualTo(from);
            return;
        }
        assertThat(ends[0]).isFalse();
        assertThat(subscription.status()).isEqualTo(SubscriptionStatus.valueOf(outcome));
    }

    @Test
    void cancelingNowEndsEverythingThatWasPlanned() {
        var subscription = in(SubscriptionStatus.ACTIVE);
        subscription.cancelAtPeriodEnd();
        subscription.switchPlanAtPeriodEnd(YEARLY);

        subscription.cancelNow(NOW);

        assertThat(subscription.isLive()).isFalse();
        assertThat(subscription.canceledAt()).isEqualTo(NOW);
        assertThat(subscription.cancelsAtPeriodEnd()).isFalse();
        assertThat(subscription.pendingPlanCode()).isNull();
        assertThat(subscription.nextActionAt()).isNull();
    }

    @Test
    void aCancelAtThePeriodEndCanBeResumedOnce() {
        var subscription = in(SubscriptionStatus.ACTIVE);
        subscription.cancelAtPeriodEnd();
        assertThat(subscription.cancelsAtPeriodEnd()).isTrue();

        subscription.resume();

        assertThat(subscription.cancelsAtPeriodEnd()).isFalse();
        assertThatThrownBy(subscription::resume).isInstanceOf(SubscriptionProblems.NothingToResume.class);
    }

    @Test
    void keepingThePlanUndoesAPendingDowngrade() {
        var subscription = in(SubscriptionStatus.ACTIVE);
        subscription.switchPlanAtPeriodEnd(FREE);

        subscription.keepPlan();

        assertThat(subscription.pendingPlanCode()).isNull();
        assertThat(subscription.planCode()).isEqualTo("paid");
    }

    @Test
    void aSwitchToAnotherIntervalStartsTheNewCalendarAtTheCurrentPeriodEnd() {
        var subscription = in(SubscriptionStatus.ACTIVE);
        var end = subscription.currentPeriodEnd();
        subscription.switchPlan(YEARLY, BillingInterval.MONTH);
        assertThat(subscription.currentPeriodEnd()).isEqualTo(end);

        subscription.enterNextPeriod(YEARLY, BillingInterval.YEAR);

        assertThat(subscription.currentPeriodEnd()).isEqualTo(BillingInterval.YEAR.after(end, 1));
    }

    @Test
    void aPastDueSubscriptionWaitsForDunningNotForTheCycle() {
        var subscription = in(SubscriptionStatus.PAST_DUE);

        assertThat(subscription.nextActionAt()).isNull();

        subscription.latestInvoiceWrittenOff(true);

        assertThat(subscription.nextActionAt()).isEqualTo(subscription.currentPeriodEnd());
    }

    private static Subscription in(SubscriptionStatus status) {
        var userId = UUID.randomUUID();
        return switch (status) {
            case TRIALING -> Subscription.start(userId, TRIAL, true, NOW);
            case INCOMPLETE -> Subscription.start(userId, PAID, false, NOW);
            case ACTIVE -> {
                var subscription = Subscription.start(userId, PAID, false, NOW);
                subscription.paymentSucceeded();
                yield subscription;
            }
            case PAST_DUE -> {
                var subscription = in(SubscriptionStatus.ACTIVE);
                subscription.paymentFailed();
                yield subscription;
            }
            case CANCELED -> {
                var subscription = in(SubscriptionStatus.ACTIVE);
                subscription.cancelNow(NOW);
                yield subscription;
            }
        };
    }

    private static String snapshot(Subscription subscription) {
        return String.join(
                ",",
                String.valueOf(subscription.status()),
                subscription.planCode(),
                String.valueOf(subscription.pendingPlanCode()),
                String.valueOf(subscription.cancelsAtPeriodEnd()),
                String.valueOf(subscription.currentPeriodEnd()),
                String.valueOf(subscription.nextActionAt()));
    }
}
