package dev.keel.billing.subscription;

import dev.keel.billing.SubscriptionStatus;
import dev.keel.platform.web.Conflict;
import java.util.Locale;

/** The subscription failures that clients can act on, each with its stable code. */
final class SubscriptionProblems {

    private SubscriptionProblems() {}

    static final class SubscriptionExists extends Conflict {
        SubscriptionExists() {
            super("subscription_exists", "You already have a subscription; change its plan instead.");
        }
    }

    static final class SubscriptionCanceled extends Conflict {
        SubscriptionCanceled() {
            super("subscription_canceled", "The subscription is canceled.");
        }
    }

    static final class SubscriptionNotActive extends Conflict {
        SubscriptionNotActive(SubscriptionStatus status) {
            super(
                    "subscription_not_active",
                    "Only active or trialing subscriptions can do this; this one is "
                            + status.name().toLowerCase(Locale.ROOT)
                            + ".");
        }
    }

    static final class NothingToResume extends Conflict {
        NothingToResume() {
            super("subscription_not_canceling", "The subscription has no cancellation to undo.");
        }
    }

    static final class PlanUnchanged extends Conflict {
        PlanUnchanged() {
            super("plan_unchanged", "The subscription is already on this plan.");
        }
    }

    static final class CurrencyMismatch extends Conflict {
        CurrencyMismatch() {
            super("currency_mismatch", "A subscription cannot change to a plan billed in another currency.");
        }
    }
}
