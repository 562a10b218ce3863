package dev.keel.billing.payment;

import dev.keel.billing.Money;
import org.jspecify.annotations.Nullable;

/**
 * The port to a card processor. Keel keeps only what the gateway returns about a card (brand, last four
 * digits, expiry, the gateway's reference), never card data. The built-in adapter is {@link
 * SimulatedCardGateway}; a real processor would be another adapter.
 */
public interface PaymentGateway {

    /** What the gateway tells about a card it tokenised. */
    record Card(String reference, String brand, String last4, int expMonth, int expYear) {}

    /**
     * The outcome of a charge.
     *
     * @param declineCode {@code card_declined} or {@code insufficient_funds} when declined
     */
    record Charge(String id, boolean succeeded, @Nullable String declineCode) {}

    /**
     * Resolves a client-side token into a card.
     *
     * @throws PaymentProblems.InvalidPaymentToken when the gateway does not know the token
     */
    Card attach(String token);

    /**
     * Charges a card. The gateway honours {@code idempotencyKey} the way real processors do: a repeated
     * key returns the first outcome and never charges again, so a retry after a crash cannot double-charge.
     */
    Charge charge(String cardReference, Money amount, String idempotencyKey);
}
