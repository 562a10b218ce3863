package dev.keel.billing;

/** How often a plan bills. */
enum BillingInterval {
    MONTH,
    YEAR
}
