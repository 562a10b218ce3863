package dev.keel.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the configured first admin ({@code keel.bootstrap-admin.*}) once, at start, when no account
 * has that email yet. Nothing is created when it is not configured.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final AccountService accounts;
    private final UserRepository users;

    BootstrapAdmin(BootstrapAdminProperties properties, AccountService accounts, UserRepository users) {
        this.properties = properties;
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        var email = properties.email();
        var password = properties.password();
        if (!properties.configured() || email == null || password == null || users.existsByEmail(email.strip())) {
            return;
        }
        try {
            var admin = accounts.createAdmin(email, password);
            LOG.info("Created the bootstrap admin account {}", admin);
        } catch (UsersProblems.EmailTaken createdByAnotherReplica) {
            LOG.info("The bootstrap admin account was created by another instance");
        }
    }
}
