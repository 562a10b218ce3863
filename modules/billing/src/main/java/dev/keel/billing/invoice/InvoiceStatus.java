package dev.keel.billing.invoice;

/** Where an invoice stands; transitions live in {@link Invoice}. */
public enum InvoiceStatus {
    DRAFT,
    OPEN,
    PAID,
    VOID,
    UNCOLLECTIBLE
}
