package dev.keel.platform.time;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.modulith.NamedInterface;

/**
 * Runs a piece of scheduled work on one replica at a time. The lock lives in PostgreSQL and is timed by the
 * database's clock, so replicas with skewed clocks (or a travelled application clock) still agree who holds
 * it; a replica that dies while holding it gives it up after {@code atMost}.
 */
@NamedInterface("time")
public interface ClusterLock {

    /**
     * Runs {@code work} unless another run holds the lock named {@code name}, on this or another replica.
     *
     * @param atMost how long the lock is held at most if its holder never releases it
     * @return what the work returned, or empty when the lock was held elsewhere (or the work returned null)
     */
    <T> Optional<T> runExclusively(String name, Duration atMost, Supplier<T> work);
}
