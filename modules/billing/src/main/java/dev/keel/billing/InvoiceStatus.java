package dev.keel.billing;

/** Where an invoice stands; transitions live in {@link Invoice}. */
enum InvoiceStatus {
    DRAFT,
    OPEN,
    PAID,
    VOID,
    UNCOLLECTIBLE
}
