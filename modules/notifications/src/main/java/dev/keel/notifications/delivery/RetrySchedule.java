package dev.keel.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When to try a failed delivery again: the configured waits in turn (about 30 s, 2 min, 10 min, 1 h, 6 h,
 * 24 h), each lengthened or shortened at random by up to the jitter so that many deliveries failing at
 * once do not all come back at once.
 */
final class RetrySchedule {

    private final List<Duration> waits;
    private final double jitter;
    private final DoubleSupplier random;

    RetrySchedule(List<Duration> waits, double jitter) {
        this(waits, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetrySchedule(List<Duration> waits, double jitter, DoubleSupplier random) {
        this.waits = List.copyOf(waits);
        this.jitter = jitter;
        this.random = random;
    }

    /** The next attempt after {@code failedAttempts} failures, or null when the delivery has failed for good. */
    @Nullable
    Instant nextAttempt(int failedAttempts, Instant now) {
        if (failedAttempts < 1 || failedAttempts > waits.size()) {
            return null;
        }
        var wait = waits.get(failedAttempts - 1).toMillis();
        var factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return now.plusMillis(Math.round(wait * factor));
    }
}
