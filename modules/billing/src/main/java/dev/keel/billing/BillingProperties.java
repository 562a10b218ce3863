package dev.keel.billing;

import dev.keel.platform.time.ClusterLock;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the billing module.
 *
 * @param seedCatalog whether to publish a starter catalogue (free, monthly with trial, monthly, yearly)
 *     at start when those plans do not exist; on in the development profile only
 * @param cycleInterval how often the billing cycle looks for due work (at most hourly)
 * @param cycleBatchSize how many subscriptions or invoices the cycle loads at a time
 * @param cycleConcurrency how many subscriptions the cycle works on at once (each needs a database
 *     connection while it runs)
 * @param cycleLockAtMost how long the cycle lock outlives a replica that died running the cycle (killed,
 *     lost) before another may take over; a running cycle extends it every half of this, however long it
 *     runs. At least 30 seconds
 * @param retryAfter when a declined renewal is charged again, counted from the first decline; after the
 *     last one fails the invoice becomes uncollectible and the subscription is canceled
 */
@Validated
@ConfigurationProperties("keel.billing")
public record BillingProperties(
        @DefaultValue("false") boolean seedCatalog,
        @DefaultValue("PT5M") @NotNull Duration cycleInterval,
        @DefaultValue("200") @Min(1) @Max(10_000) int cycleBatchSize,
        @DefaultValue("4") @Min(1) @Max(64) int cycleConcurrency,
        @DefaultValue("PT30S") @NotNull Duration cycleLockAtMost,
        @DefaultValue({"P1D", "P3D", "P5D"}) @NotEmpty List<Duration> retryAfter) {

    @AssertTrue(message = "cycle-interval must be positive and at most one hour")
    boolean isCycleIntervalValid() {
        return cycleInterval.isPositive() && cycleInterval.compareTo(Duration.ofHours(1)) <= 0;
    }

    @AssertTrue(message = "cycle-lock-at-most must be at least 30 seconds")
    boolean isCycleLockAtMostValid() {
        return cycleLockAtMost.compareTo(ClusterLock.MINIMUM_AT_MOST) >= 0;
    }

    @AssertTrue(message = "retry-after must be positive and increasing")
    boolean isRetryAfterIncreasing() {
        var previous = Duration.ZERO;
        for (var delay : retryAfter) {
            if (delay.compareTo(previous) <= 0) {
                return false;
            }
            previous = delay;
        }
        return true;
    }
}
