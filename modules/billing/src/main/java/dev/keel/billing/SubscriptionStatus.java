package dev.keel.billing;

/** Where a subscription stands; the state machine lives in the subscription package. */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELED,
    INCOMPLETE
}
