package dev.keel.billing;

/**
 * The port to a card processor. Keel keeps only what the gateway returns about a card (brand, last four
 * digits, expiry, the gateway's reference), never card data. The built-in adapter is {@link
 * SimulatedCardGateway}; a real processor would be another adapter.
 */
interface PaymentGateway {

    /** What the gateway tells about a card it tokenised. */
    record Card(String reference, String brand, String last4, int expMonth, int expYear) {}

    /**
     * Resolves a client-side token into a card.
     *
     * @throws BillingProblems.InvalidPaymentToken when the gateway does not know the token
     */
    Card attach(String token);
}
