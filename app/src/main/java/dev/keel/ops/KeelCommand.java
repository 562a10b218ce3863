package dev.keel.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/** The root of the ops command line: {@code java -jar keel.jar <group> <command>}. */
@Command(
        name = "keel",
        mixinStandardHelpOptions = true,
        versionProvider = KeelVersion.class,
        // Every command inherits -h/--help and -V/--version, with the version of the jar.
        scope = ScopeType.INHERIT,
        description = "Keel's ops commands. Each one starts the application without a web server, does its work and"
                + " exits. Configuration comes from the environment, as for the server (SPRING_DATASOURCE_URL, ...).",
        subcommands = {
            DatabaseCommands.class,
            UserCommands.class,
            BillingCommands.class,
            EventCommands.class,
            SeedCommands.class,
            HelpCommand.class
        })
final class KeelCommand extends CommandGroup {

    final OpsCommandLine ops;

    KeelCommand(OpsCommandLine ops) {
        this.ops = ops;
    }
}
