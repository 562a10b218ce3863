package dev.keel.users;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits on sign-in: token buckets per account and per client address, kept in PostgreSQL
 * by Bucket4j so that every replica counts against the same limit.
 */
@Component
class LoginThrottle {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration perAccount;
    private final BucketConfiguration perIp;

    LoginThrottle(DataSource dataSource, UsersProperties properties) {
        var limits = properties.loginLimits();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("login_throttle_buckets")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(limits.window()))
                .build();
        this.perAccount = limit(limits.perAccount(), limits.window());
        this.perIp = limit(limits.perIp(), limits.window());
    }

    /** What is being limited; each action counts in buckets of its own. */
    enum Action {
        SIGN_IN,
        PASSWORD_RESET
    }

    /** Counts one sign-in attempt against both limits; the tighter of the two decides. */
    Decision attempt(String email, String clientAddress) {
        return attempt(Action.SIGN_IN, email, clientAddress);
    }

    /** Counts one attempt of an action against both limits; the tighter of the two decides. */
    Decision attempt(Action action, String email, String clientAddress) {
        var prefix = action == Action.SIGN_IN ? "" : action.name().toLowerCase(Locale.ROOT) + ":";
        var account = buckets.builder()
                .build(prefix + "account:" + SecretTokens.hash(email.toLowerCase(Locale.ROOT)), () -> perAccount)
                .tryConsumeAndReturnRemaining(1);
        var ip = buckets.builder()
                .build(prefix + "ip:" + clientAddress, () -> perIp)
                .tryConsumeAndReturnRemaining(1);
        boolean accountDecides =
                !account.isConsumed() || (ip.isConsumed() && account.getRemainingTokens() <= ip.getRemainingTokens());
        ConsumptionProbe tighter = accountDecides ? account : ip;
        var limit = accountDecides ? perAccount : perIp;
        return new Decision(
                account.isConsumed() && ip.isConsumed(),
                limit.getBandwidths()[0].getCapacity(),
                tighter.getRemainingTokens(),
                seconds(tighter.getNanosToWaitForReset()),
                seconds(Math.max(account.getNanosToWaitForRefill(), ip.getNanosToWaitForRefill())));
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void removeExpiredBuckets() {
        while (buckets.removeExpired(1_000) > 0) {
            // keep deleting in bounded batches until nothing expired is left
        }
    }

    private static BucketConfiguration limit(int attempts, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, window))
                .build();
    }

    private static long seconds(long nanos) {
        return (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * The outcome of one attempt and what the {@code RateLimit-*} headers report.
     *
     * @param allowed whether the attempt may go on
     * @param limit attempts per window of the tighter limit
     * @param remaining attempts left in it
     * @param resetSeconds seconds until it is full again
     * @param retryAfterSeconds seconds until a refused attempt may be retried
     */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

        void addHeaders(HttpHeaders headers) {
            headers.set("RateLimit-Limit", Long.toString(limit));
            headers.set("RateLimit-Remaining", Long.toString(remaining));
            headers.set("RateLimit-Reset", Long.toString(resetSeconds));
            if (!allowed) {
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
            }
        }
    }
}
