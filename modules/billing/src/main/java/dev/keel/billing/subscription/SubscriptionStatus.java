package dev.keel.billing.subscription;

/** Where a subscription stands; transitions live in {@link Subscription}. */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELED,
    INCOMPLETE
}
