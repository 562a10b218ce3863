package dev.keel.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.core.task.TaskDecorator;

/**
 * Counts the tasks of the application task executor that have been handed to it and have not finished:
 * the asynchronous event listeners that a command's events started, and those that their events started in
 * turn. A task is counted from the moment it is submitted, so a listener that publishes another event keeps
 * the count above zero until the next listener has been submitted.
 */
final class BackgroundTasks implements TaskDecorator {

    private int unfinished;

    @Override
    public Runnable decorate(Runnable task) {
        submitted();
        return () -> {
            try {
                task.run();
            } finally {
                finished();
            }
        };
    }

    /** Waits until no task is left, at most {@code limit}; returns how many are still unfinished. */
    synchronized int awaitAll(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (unfinished > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return unfinished;
    }

    private synchronized void submitted() {
        unfinished++;
    }

    private synchronized void finished() {
        unfinished--;
        if (unfinished == 0) {
            notifyAll();
        }
    }
}
