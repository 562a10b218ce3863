package dev.keel.platform.time;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.modulith.NamedInterface;

/**
 * Runs a piece of scheduled work on one replica at a time. The lock lives in PostgreSQL and is timed by the
 * database's clock, so replicas with skewed clocks (or a travelled application clock) still agree who holds
 * it. While the work runs its holder extends the lock every half of {@code atMost}; a replica that dies
 * while holding it gives it up at most {@code atMost} after its last extension.
 */
@NamedInterface("time")
public interface ClusterLock {

    /** The shortest {@code atMost}: an extension must have time to reach the database before the lock lapses. */
    Duration MINIMUM_AT_MOST = Duration.ofSeconds(30);

    /**
     * Runs {@code work} unless another run holds the lock named {@code name}, on this or another replica.
     *
     * @param atMost how long the lock outlives its holder's last extension if the holder dies; at least
     *     {@link #MINIMUM_AT_MOST}
     * @return what the work returned, or empty when the lock was held elsewhere (or the work returned null)
     */
    <T> Optional<T> runExclusively(String name, Duration atMost, Supplier<T> work);

    /**
     * Runs {@code work} unless another run holds the lock named {@code name}.
     *
     * @return whether the work ran here
     */
    default boolean runIfFree(String name, Duration atMost, Runnable work) {
        return runExclusively(name, atMost, () -> {
                    work.run();
                    return Boolean.TRUE;
                })
                .isPresent();
    }
}
