package dev.keel.ops;

import java.io.InputStream;
import java.io.PrintWriter;
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

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Does the work; returns one of the {@link ExitCodes}. Exceptions become {@link ExitCodes#FAILED}. */
    abstract int run() throws Exception;

    final ApplicationContext application() {
        return ops().application();
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

    final InputStream stdin() {
        return ops().in();
    }

    private OpsCommandLine ops() {
        return ((KeelCommand) spec.root().userObject()).ops;
    }
}
