package dev.keel.billing;

import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The built-in simulated card processor with the contract's test tokens. Each token stands for a card
 * whose later charges behave as its name says; the reference records which one it is.
 */
@Component
class SimulatedCardGateway implements PaymentGateway {

    private static final Map<String, Card> CARDS = Map.of(
            "tok_visa", new Card("sim_visa", "visa", "4242", 12, 2034),
            "tok_mastercard", new Card("sim_mastercard", "mastercard", "4444", 12, 2034),
            "tok_chargeDeclined", new Card("sim_charge_declined", "visa", "0002", 12, 2034),
            "tok_insufficientFunds", new Card("sim_insufficient_funds", "visa", "9995", 12, 2034),
            "tok_failAfterFirst", new Card("sim_fail_after_first", "visa", "0341", 12, 2034));

    @Override
    public Card attach(String token) {
        var card = CARDS.get(token);
        if (card == null) {
            throw new BillingProblems.InvalidPaymentToken();
        }
        return card;
    }
}
