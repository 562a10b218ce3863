package dev.keel.billing.invoice;

import dev.keel.billing.Money;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' credit balances, one per currency: credit left over from a plan change, which later invoices
 * draw on before any card is charged. Runs inside its callers' transactions; a draw locks the balance row
 * until they end, so two invoices never spend the same credit.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class CreditBalances {

    private final JdbcClient jdbc;

    CreditBalances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's balance in {@code currency}, in minor units; zero when there is none. */
    public long available(UUID userId, String currency) {
        return jdbc.sql("select amount from credit_balances where user_id = ? and currency = ?")
                .params(userId, currency)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    public void credit(UUID userId, Money amount) {
        if (amount.amount() < 0) {
            throw new IllegalArgumentException("A credit cannot be negative");
        }
        if (amount.amount() == 0) {
            return;
        }
        jdbc.sql("""
                        insert into credit_balances (user_id, currency, amount) values (?, ?, ?)
                        on conflict (user_id, currency) do update set amount = credit_balances.amount + excluded.amount
                        """).params(userId, amount.currency(), amount.amount()).update();
    }

    /** Takes up to {@code atMost} from the balance; returns what it took. */
    long draw(UUID userId, String currency, long atMost) {
        if (atMost <= 0) {
            return 0;
        }
        var balance = jdbc.sql("select amount from credit_balances where user_id = ? and currency = ? for update")
                .params(userId, currency)
                .query(Long.class)
                .optional()
                .orElse(0L);
        var drawn = Math.min(balance, atMost);
        if (drawn > 0) {
            jdbc.sql("update credit_balances set amount = amount - ? where user_id = ? and currency = ?")
                    .params(drawn, userId, currency)
                    .update();
        }
        return drawn;
    }

    /** Forgets the customer's balances (their account was deleted). */
    public void erase(UUID userId) {
        jdbc.sql("delete from credit_balances where user_id = ?").param(userId).update();
    }
}
