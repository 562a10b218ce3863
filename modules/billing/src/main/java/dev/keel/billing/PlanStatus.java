package dev.keel.billing;

/** Archived plans are no longer offered; existing subscriptions keep them. */
enum PlanStatus {
    ACTIVE,
    ARCHIVED
}
