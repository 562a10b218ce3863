package dev.keel.billing.cycle;

import dev.keel.platform.time.TimeTravel;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Time travel through billing: moves the application clock forward from one due moment to the next and
 * runs the billing cycle at each, so a year passes in seconds exactly as it would have hour by hour
 * (renewals, trial ends, retries happen at their own times, in order).
 */
@Component
@ConditionalOnBooleanProperty("keel.time-travel.enabled")
class TimeMachine {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private final TimeTravel travel;
    private final BillingCycleRunner cycle;

    TimeMachine(TimeTravel travel, BillingCycleRunner cycle) {
        this.travel = travel;
        this.cycle = cycle;
    }

    Instant now() {
        return travel.now();
    }

    /** Moves the clock forward by {@code duration} and runs every piece of billing work that fell due. */
    synchronized Instant advance(Duration duration) {
        var target = travel.now().plus(duration);
        var lastRun = Instant.MIN;
        var next = cycle.nextDueAt();
        while (next != null && !next.isAfter(target) && next.isAfter(lastRun)) {
            lastRun = travel.travelTo(next);
            runCycle();
            next = cycle.nextDueAt();
        }
        travel.travelTo(target);
        runCycle();
        return travel.now();
    }

    /** Runs the cycle, waiting for a scheduled run on another thread or replica to finish first. */
    private void runCycle() {
        var deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (cycle.tryRun().isEmpty()) {
            // Another run holds the lock: wait for it, then run again, since it may have started earlier.
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The billing cycle lock was not released within " + LOCK_WAIT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the billing cycle", e);
            }
        }
    }
}
