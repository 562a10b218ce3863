package dev.keel.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the configured first admin once: the first start that sees {@code keel.bootstrap-admin.*} records
 * it (by a hash of the email) in the same transaction as the account, so a later start, on any replica,
 * neither creates it twice nor brings it back after the admin deleted their account.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final AccountService accounts;
    private final UserRepository users;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BootstrapAdmin(
            BootstrapAdminProperties properties,
            AccountService accounts,
            UserRepository users,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.users = users;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        var email = properties.email();
        var password = properties.password();
        if (!properties.configured() || email == null || password == null) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> createOnce(email.strip(), password));
        } catch (UsersProblems.EmailTaken registeredMeanwhile) {
            LOG.info("The bootstrap admin's email was registered by someone else meanwhile; no admin created");
        }
    }

    private void createOnce(String email, String password) {
        // A concurrent start on another replica waits here on the same key, then finds it taken.
        var first = jdbc.sql("""
                insert into bootstrap_admins (email_hash, created_at) values (:hash, :now)
                on conflict (email_hash) do nothing
                """)
                .param("hash", hash(email))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (first == 0) {
            LOG.debug("The bootstrap admin was created before; it is not created again");
            return;
        }
        if (users.existsByEmail(email)) {
            return;
        }
        var admin = accounts.createAdmin(email, password);
        LOG.info("Created the bootstrap admin account {}", admin);
    }

    static String hash(String email) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
