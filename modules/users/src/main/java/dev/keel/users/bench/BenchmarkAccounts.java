package dev.keel.users.bench;

import dev.keel.platform.persistence.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark data set's accounts: {@code bench-user-1@example.com} … with one known password. Written
 * with set-based inserts so that ten thousand accounts take seconds; safe to run again (existing accounts
 * are kept).
 */
@Service
public class BenchmarkAccounts {

    public static final String PASSWORD = "bench-password-123";
    private static final int CHUNK = 2_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    BenchmarkAccounts(JdbcClient jdbc, TransactionTemplate transactions, PasswordEncoder passwordEncoder, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    public static String email(int number) {
        return String.format(Locale.ROOT, "bench-user-%d@example.com", number);
    }

    /**
     * Creates the missing accounts among the first {@code count} benchmark users.
     *
     * @param progress told how many accounts exist so far, after each chunk
     * @return the ids of the {@code count} accounts, in number order
     */
    public List<UUID> ensure(int count, IntConsumer progress) {
        // One hash for all: hashing is deliberately slow, and every account has the same password.
        var hash = passwordEncoder.encode(PASSWORD);
        var now = Timestamp.from(clock.instant());
        for (var from = 1; from <= count; from += CHUNK) {
            var to = Math.min(count, from + CHUNK - 1);
            var ids = new ArrayList<UUID>();
            var emails = new ArrayList<String>();
            for (var number = from; number <= to; number++) {
                ids.add(Ids.newId());
                emails.add(email(number));
            }
            transactions.executeWithoutResult(status -> jdbc.sql("""
                            insert into users (id, email, display_name, password_hash, roles, status, email_verified,
                                created_at, updated_at, version)
                            select id, email, 'Bench user', :hash, 'USER', 'ACTIVE', true, :now, :now, 0
                            from unnest(:ids::uuid[], :emails::varchar[]) as seed(id, email)
                            on conflict (lower(email)) where deleted_at is null do nothing
                            """)
                    .param("hash", hash)
                    .param("now", now)
                    .param("ids", ids.toArray(UUID[]::new))
                    .param("emails", emails.toArray(String[]::new))
                    .update());
            progress.accept(to);
        }
        var byEmail = new HashMap<String, UUID>();
        jdbc.sql("select id, email from users where email like 'bench-user-%@example.com' and deleted_at is null")
                .query((row, index) -> byEmail.put(row.getString("email"), row.getObject("id", UUID.class)))
                .list();
        var ids = new ArrayList<UUID>(count);
        for (var number = 1; number <= count; number++) {
            ids.add(Objects.requireNonNull(byEmail.get(email(number)), "bench account " + number));
        }
        return ids;
    }
}
