package dev.keel.billing.catalog;

/** Archived plans are no longer offered; existing subscriptions keep them. */
public enum PlanStatus {
    ACTIVE,
    ARCHIVED
}
