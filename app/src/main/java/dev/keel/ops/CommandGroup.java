package dev.keel.ops;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A group of commands ({@code db}, {@code users}, ...): called without one of them, it is a usage error. */
abstract class CommandGroup implements Runnable {

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before run()
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing command: choose one of " + spec.subcommands().keySet());
    }
}
