package dev.keel.users;

import dev.keel.platform.time.ClusterLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Deletes refresh and one-time tokens a day after they expired; they can never be used again, and a day
 * of grace keeps a late reuse of a refresh token recognisable as reuse. One replica at a time runs it.
 */
@Component
class ExpiredTokenCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredTokenCleanup.class);
    private static final Duration GRACE = Duration.ofDays(1);

    private final RefreshTokenRepository refreshTokens;
    private final OneTimeTokenRepository oneTimeTokens;
    private final Clock clock;
    private final ClusterLock lock;
    private final TransactionOperations transactions;

    ExpiredTokenCleanup(
            RefreshTokenRepository refreshTokens,
            OneTimeTokenRepository oneTimeTokens,
            Clock clock,
            ClusterLock lock,
            TransactionOperations transactions) {
        this.refreshTokens = refreshTokens;
        this.oneTimeTokens = oneTimeTokens;
        this.clock = clock;
        this.lock = lock;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void deleteExpiredTokens() {
        lock.runIfFree(
                "expired-tokens-cleanup",
                ClusterLock.MINIMUM_AT_MOST,
                () -> transactions.executeWithoutResult(transaction -> deleteNow()));
    }

    private void deleteNow() {
        // Refresh tokens live on wall time (see TokenService); one-time tokens on the application clock.
        int deleted = refreshTokens.deleteExpired(Instant.now().minus(GRACE))
                + oneTimeTokens.deleteExpired(clock.instant().minus(GRACE));
        if (deleted > 0) {
            LOG.info("Deleted {} expired tokens", deleted);
        }
    }
}
