package dev.keel.billing.payment;

import dev.keel.billing.Money;
import dev.keel.platform.persistence.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in simulated card processor with the contract's test tokens. Each token stands for a card
 * whose charges behave as its name says; every attached card gets a reference of its own, and the
 * simulator keeps a ledger of charges per idempotency key, like a real processor does on its side.
 */
@Component
class SimulatedCardGateway implements PaymentGateway {

    private enum Behaviour {
        SUCCEED(null),
        DECLINE("card_declined"),
        INSUFFICIENT_FUNDS("insufficient_funds"),
        FAIL_AFTER_FIRST("card_declined");

        private final @Nullable String declineCode;

        Behaviour(@Nullable String declineCode) {
            this.declineCode = declineCode;
        }
    }

    private record TestCard(String referencePrefix, String brand, String last4, Behaviour behaviour) {}

    private static final Map<String, TestCard> CARDS = Map.of(
            "tok_visa", new TestCard("sim_visa", "visa", "4242", Behaviour.SUCCEED),
            "tok_mastercard", new TestCard("sim_mastercard", "mastercard", "4444", Behaviour.SUCCEED),
            "tok_chargeDeclined", new TestCard("sim_charge_declined", "visa", "0002", Behaviour.DECLINE),
            "tok_insufficientFunds",
                    new TestCard("sim_insufficient_funds", "visa", "9995", Behaviour.INSUFFICIENT_FUNDS),
            "tok_failAfterFirst", new TestCard("sim_fail_after_first", "visa", "0341", Behaviour.FAIL_AFTER_FIRST));

    private static final int EXP_MONTH = 12;
    private static final int EXP_YEAR = 2034;

    private final JdbcClient jdbc;
    private final Clock clock;

    SimulatedCardGateway(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Card attach(String token) {
        var card = CARDS.get(token);
        if (card == null) {
            throw new PaymentProblems.InvalidPaymentToken();
        }
        var reference = card.referencePrefix() + ":" + UUID.randomUUID();
        return new Card(reference, card.brand(), card.last4(), EXP_MONTH, EXP_YEAR);
    }

    @Override
    @Transactional
    public Charge charge(String cardReference, Money amount, String idempotencyKey) {
        var behaviour = behaviourOf(cardReference);
        var succeeded = switch (behaviour) {
            case SUCCEED -> true;
            case DECLINE, INSUFFICIENT_FUNDS -> false;
            case FAIL_AFTER_FIRST -> !hasSucceededBefore(cardReference);
        };
        jdbc.sql("""
                insert into simulated_gateway_charges
                    (id, idempotency_key, card_reference, amount, currency, succeeded, decline_code, created_at)
                values (:id, :key, :card, :amount, :currency, :succeeded, :declineCode, :now)
                on conflict (idempotency_key) do nothing
                """)
                .param("id", "ch_" + Ids.newId().toString().replace("-", ""))
                .param("key", idempotencyKey)
                .param("card", cardReference)
                .param("amount", amount.amount())
                .param("currency", amount.currency())
                .param("succeeded", succeeded)
                .param("declineCode", succeeded ? null : behaviour.declineCode)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        // The recorded outcome wins: a repeated key answers what the first charge did.
        return jdbc.sql("select id, succeeded, decline_code from simulated_gateway_charges where idempotency_key = ?")
                .param(idempotencyKey)
                .query((row, index) ->
                        new Charge(row.getString("id"), row.getBoolean("succeeded"), row.getString("decline_code")))
                .single();
    }

    private boolean hasSucceededBefore(String cardReference) {
        return jdbc.sql(
                        "select exists (select 1 from simulated_gateway_charges where card_reference = ? and succeeded)")
                .param(cardReference)
                .query(Boolean.class)
                .single();
    }

    private static Behaviour behaviourOf(String cardReference) {
        var prefix =
                cardReference.contains(":") ? cardReference.substring(0, cardReference.indexOf(':')) : cardReference;
        return CARDS.values().stream()
                .filter(card -> card.referencePrefix().equals(prefix))
                .map(TestCard::behaviour)
                .findFirst()
                .orElse(Behaviour.DECLINE);
    }
}
