package dev.keel.billing.invoice;

/** Why an invoice was issued. A subscription has at most one CREATE or CYCLE invoice per period start. */
public enum BillingReason {
    SUBSCRIPTION_CREATE,
    SUBSCRIPTION_CYCLE,
    SUBSCRIPTION_UPDATE
}
