package dev.keel.billing.payment;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises the billing changes of one user until the transaction ends (cards, subscribing), so that
 * concurrent requests cannot both pass a check such as "no live subscription yet".
 */
@Component
public class UserLocks {

    private final JdbcClient jdbc;

    UserLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void lock(UUID userId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 42))")
                .param(userId.toString())
                .query()
                .singleRow();
    }
}
