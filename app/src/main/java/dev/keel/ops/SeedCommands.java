package dev.keel.ops;

import dev.keel.billing.bench.BenchmarkInvoices;
import dev.keel.users.bench.BenchmarkAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        description = "Test data.",
        subcommands = SeedCommands.Bench.class)
final class SeedCommands extends CommandGroup {

    private static final int INVOICES_PER_USER = 30;

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = {
                "Creates the benchmark data set: users bench-user-1@example.com … bench-user-N@example.com with the"
                        + " password " + BenchmarkAccounts.PASSWORD + ", each with a default test card, an active"
                        + " pro-monthly subscription and " + INVOICES_PER_USER + " paid invoices of two lines; and"
                        + " the starter plans.",
                "Deterministic and safe to re-run: existing benchmark users and their billing are kept. Never run it"
                        + " against a production database."
            })
    static final class Bench extends OpsCommand {

        @Option(names = "--users", required = true, description = "How many benchmark users (1 to 1000000).")
        int users;

        @Override
        int run() {
            if (users < 1 || users > 1_000_000) {
                err().println("error: --users must be between 1 and 1000000");
                return ExitCodes.USAGE;
            }
            var started = System.nanoTime();
            var ids = bean(BenchmarkAccounts.class).ensure(users, done -> progress(done, users, "users"));
            bean(BenchmarkInvoices.class)
                    .ensure(ids, INVOICES_PER_USER, done -> progress(done, users, "users with invoices"));
            out().printf(
                            "Seeded %d benchmark users with %d invoices each in %d ms%n",
                            users, INVOICES_PER_USER, (System.nanoTime() - started) / 1_000_000);
            return ExitCodes.OK;
        }
    }
}
