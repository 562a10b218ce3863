package dev.keel.ops;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One ops command. A new command extends this, declares its options with picocli's annotations, does its
 * work in {@link #run()} and is listed in its group's {@code subcommands}; the application starts only
 * when {@link #bean} is first called.
 */
abstract class OpsCommand implements Callable<Integer> {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    CommandSpec spec;

    private Instant lastProgress = Instant.EPOCH;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Does the work; returns one of the {@link ExitCodes}. Exceptions become {@link ExitCodes#FAILED}. */
    abstract int run() throws Exception;

    final ApplicationContext application() {
        return ops().application();
    }

    /** Only the database: for commands that use nothing else of the application. */
    final ApplicationContext database() {
        return ops().database();
    }

    final <T> T bean(Class<T> type) {
        return application().getBean(type);
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Reports the progress of long work on standard output ({@code 1200 of 10000 users created (12%)}): at
     * most once a second, and always when done, so that a log of the run stays readable.
     */
    final void progress(long done, long total, String what) {
        var now = Instant.now();
        if (done < total && now.isBefore(lastProgress.plus(PROGRESS_INTERVAL))) {
            return;
        }
        lastProgress = now;
        out().printf("%d of %d %s (%d%%)%n", done, total, what, total == 0 ? 100 : done * 100 / total);
    }

    final InputStream stdin() {
        return ops().in();
    }

    private OpsCommandLine ops() {
        return ((KeelCommand) spec.root().userObject()).ops;
    }
}
