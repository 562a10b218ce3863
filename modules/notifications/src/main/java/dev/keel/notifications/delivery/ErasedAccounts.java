package dev.keel.notifications.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The accounts whose data the module erased. Events are delivered at least once and in no guaranteed
 * order, so a registration resubmitted after the deletion, or a billing event still in flight, must find
 * the account erased instead of re-creating a recipient, an inbox message or a mail.
 */
@Component
class ErasedAccounts {

    private final JdbcClient jdbc;

    ErasedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void mark(UUID userId, Instant erasedAt) {
        jdbc.sql("insert into erased_accounts (user_id, erased_at) values (?, ?) on conflict do nothing")
                .params(userId, erasedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    boolean contains(UUID userId) {
        return jdbc.sql("select exists (select 1 from erased_accounts where user_id = ?)")
                .param(userId)
                .query(Boolean.class)
                .single();
    }
}
