package dev.keel.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The cluster lock on PostgreSQL: held as long as its work runs, whatever {@code atMost} says. */
@SpringBootTest
class ClusterLockTests {

    static final Duration AT_MOST = ClusterLock.MINIMUM_AT_MOST;

    @Autowired
    ClusterLock lock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void extendsTheLockWhileItsWorkRunsSoThatNoOneElseTakesItAfterAtMost() throws Exception {
        var name = "test-" + UUID.randomUUID();
        var running = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = CompletableFuture.supplyAsync(() -> lock.runExclusively(name, AT_MOST, () -> {
            running.countDown();
            waitFor(release);
            return "done";
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        var firstExpiry = lockedUntil(name);
        assertThat(lock.runExclusively(name, AT_MOST, () -> "second")).isEmpty();

        // Half of atMost later the holder has pushed the expiry forward by a whole atMost again.
        await().atMost(AT_MOST).until(() -> lockedUntil(name).isAfter(firstExpiry.plus(AT_MOST.dividedBy(3))));
        assertThat(lock.runExclusively(name, AT_MOST, () -> "second")).isEmpty();

        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).hasValue("done");
        assertThat(lock.runExclusively(name, AT_MOST, () -> "after")).hasValue("after");
    }

    @Test
    void refusesAnAtMostTooShortForTheExtensionToKeepUp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> lock.runExclusively("test-short", Duration.ofSeconds(5), () -> "never"));
    }

    private Instant lockedUntil(String name) {
        return jdbc.sql("select lock_until from shedlock where name = ?")
                .param(name)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
