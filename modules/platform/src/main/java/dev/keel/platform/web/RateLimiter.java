package dev.keel.platform.web;

import dev.keel.platform.time.ClusterLock;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.modulith.NamedInterface;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rate limits counted across all replicas: a token bucket per key, kept in PostgreSQL by Bucket4j. The
 * key names what is limited and for whom ({@code webhook_retry:user:<id>}); a limit refills greedily over
 * its window.
 */
@Component
@NamedInterface("web")
public class RateLimiter {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final ClusterLock lock;

    RateLimiter(DataSource dataSource, ClusterLock lock) {
        this.lock = lock;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /** Counts one attempt against {@code attempts} per {@code window} under the key. */
    public RateLimit attempt(String key, int attempts, Duration window) {
        var probe = buckets.builder().build(key, () -> limit(attempts, window)).tryConsumeAndReturnRemaining(1);
        return RateLimit.of(probe, attempts);
    }

    /** Gives back the attempt an admitted {@code attempt} counted, where only failures should count. */
    public RateLimit giveBack(String key, int attempts, Duration window, RateLimit admitted) {
        buckets.builder().build(key, () -> limit(attempts, window)).addTokens(1);
        return admitted.withRemaining(Math.min(admitted.limit(), admitted.remaining() + 1));
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void removeExpiredBuckets() {
        removeExpired(lock, "rate-limit-buckets", buckets);
    }

    /** Deletes expired buckets in bounded batches on one replica at a time (two would fight over rows). */
    public static void removeExpired(
            ClusterLock lock, String name, PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        lock.runIfFree(name + "-cleanup", ClusterLock.MINIMUM_AT_MOST, () -> {
            while (buckets.removeExpired(1_000) > 0) {
                // keep deleting until nothing expired is left
            }
        });
    }

    /** {@code attempts} per {@code window}, refilled greedily: the one shape of limit Keel uses. */
    public static BucketConfiguration limit(int attempts, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, window))
                .build();
    }
}
