package dev.keel.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/** The cluster lock on ShedLock's JDBC provider. */
class ShedLockClusterLock implements ClusterLock {

    private final LockingTaskExecutor locks;

    ShedLockClusterLock(LockingTaskExecutor locks) {
        this.locks = locks;
    }

    @Override
    public <T> Optional<T> runExclusively(String name, Duration atMost, Supplier<T> work) {
        // The lock's timing comes from the database (see the LockProvider), not from the application clock.
        var configuration = new LockConfiguration(Instant.now(), name, atMost, Duration.ZERO);
        try {
            var result = locks.executeWithLock(work::get, configuration);
            return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Work under the cluster lock " + name + " failed", e);
        }
    }
}
