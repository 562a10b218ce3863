package dev.keel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BackgroundTasksTests {

    final BackgroundTasks tasks = new BackgroundTasks();

    @Test
    void countsATaskFromItsSubmissionUntilItEnds() throws Exception {
        var release = new CountDownLatch(1);
        var task = tasks.decorate(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(tasks.awaitAll(Duration.ofMillis(50)))
                .as("submitted, not started")
                .isEqualTo(1);
        var thread = Thread.ofVirtual().start(task);
        assertThat(tasks.awaitAll(Duration.ofMillis(50))).as("running").isEqualTo(1);
        release.countDown();
        assertThat(tasks.awaitAll(Duration.ofSeconds(10))).as("finished").isZero();
        thread.join();
    }

    @Test
    void countsAFailedTaskAsFinished() throws Exception {
        var task = tasks.decorate(() -> {
            throw new IllegalStateException("failing on purpose");
        });

        var thread = Thread.ofVirtual().unstarted(task);
        thread.setUncaughtExceptionHandler((failed, e) -> {});
        thread.start();
        thread.join();

        assertThat(tasks.awaitAll(Duration.ZERO)).isZero();
    }
}
