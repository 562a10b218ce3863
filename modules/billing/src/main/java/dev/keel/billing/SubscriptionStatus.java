package dev.keel.billing;

/** Where a subscription stands; transitions live in {@link Subscription}. */
enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELED,
    INCOMPLETE
}
