package dev.keel.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keel.platform.cluster.ClusterSignals;
import dev.keel.platform.security.AccountDisabled;
import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.security.PrincipalResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Accounts as every authenticated request needs them: current status and roles for authorisation, and
 * the profile for {@code GET /users/me}. Served from a short-lived cache so that a request costs no query.
 * Every change evicts its entry on this replica at once and again when it commits, and on every other
 * replica through a cluster signal that the commit releases; the expiry only bounds how long a replica
 * that lost its signals may serve what it had.
 */
@Component
class AccountDirectory implements PrincipalResolver, AccountContacts {

    /** What the cache holds: the representation, its version, and what authorisation needs. */
    record Account(UserResponse view, long version, boolean disabled) {}

    static final String SIGNAL = "accounts";

    private final UserRepository users;
    private final ClusterSignals signals;
    private final Cache<UUID, Optional<Account>> cache;

    AccountDirectory(UserRepository users, UsersProperties properties, MeterRegistry meters, ClusterSignals signals) {
        this.users = users;
        this.signals = signals;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.accountCacheTtl())
                .maximumSize(100_000)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "accounts");
        signals.subscribe(SIGNAL, new ClusterSignals.Subscriber() {
            @Override
            public void received(String payload) {
                cache.invalidate(UUID.fromString(payload));
            }

            @Override
            public void missed() {
                cache.invalidateAll();
            }
        });
    }

    Optional<Account> find(UUID id) {
        return cache.get(id, key -> users.findLive(key).map(AccountDirectory::snapshot));
    }

    @Override
    public Optional<Contact> of(UUID userId) {
        return find(userId)
                .map(account ->
                        new Contact(account.view().email(), account.view().displayName()));
    }

    @Override
    public AuthenticatedUser resolve(Jwt token) {
        var account = find(UUID.fromString(token.getSubject()))
                .orElseThrow(() -> new InvalidBearerTokenException("The account no longer exists"));
        if (account.disabled()) {
            throw new AccountDisabled();
        }
        var roles = account.view().roles().stream().collect(Collectors.toUnmodifiableSet());
        return new AuthenticatedUser(account.view().id(), roles);
    }

    /**
     * Forgets an account now and again when the current transaction commits, on this replica, and on
     * every other when the change commits.
     */
    void changed(UUID id) {
        cache.invalidate(id);
        signals.send(SIGNAL, id.toString());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(id);
                }
            });
        }
    }

    private static Account snapshot(User user) {
        return new Account(UserResponse.of(user), user.version(), user.status() == UserStatus.DISABLED);
    }
}
