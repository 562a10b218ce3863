package dev.keel.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

/**
 * The cluster lock on ShedLock's JDBC provider, kept alive while its work runs: every half of
 * {@code atMost} the holder extends it by {@code atMost} again. A long run keeps its lock however long it
 * takes, so {@code atMost} can be short, and a holder killed without a chance to release it (a
 * {@code kill -9}, a lost node) blocks the others for at most {@code atMost} after its last extension.
 */
class ShedLockClusterLock implements ClusterLock, AutoCloseable {

    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster-lock-keep-alive").daemon().factory());
    private final LockingTaskExecutor locks;

    ShedLockClusterLock(ExtensibleLockProvider provider) {
        this.locks = new DefaultLockingTaskExecutor(new KeepAliveLockProvider(provider, keepAlive));
    }

    @Override
    public <T> Optional<T> runExclusively(String name, Duration atMost, Supplier<T> work) {
        if (atMost.compareTo(MINIMUM_AT_MOST) < 0) {
            throw new IllegalArgumentException(
                    "A cluster lock is held for at least " + MINIMUM_AT_MOST + ": " + atMost);
        }
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

    @Override
    public void close() {
        keepAlive.shutdownNow();
    }
}
