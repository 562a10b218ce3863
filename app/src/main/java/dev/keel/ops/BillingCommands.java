package dev.keel.ops;

import dev.keel.billing.BillingCycle;
import picocli.CommandLine.Command;

@Command(
        name = "billing",
        mixinStandardHelpOptions = true,
        description = "Billing.",
        subcommands = BillingCommands.RunCycle.class)
final class BillingCommands extends CommandGroup {

    @Command(
            name = "run-cycle",
            mixinStandardHelpOptions = true,
            description = {
                "Runs the billing work that is due now (trial warnings and ends, renewals, pending plan changes and"
                        + " cancels, payment retries), as the scheduled cycle does (every keel.billing.cycle-interval,"
                        + " five minutes by default), and prints what it did.",
                "Safe to re-run and beside running replicas: one cycle runs at a time, and no subscription period is"
                        + " ever invoiced twice."
            })
    static final class RunCycle extends OpsCommand {

        @Override
        int run() {
            out().println("Running the billing work that is due...");
            var report = bean(BillingCycle.class).runDue();
            out().printf(
                            "Billing cycle done: %d trial warnings, %d renewed, %d plan changes, %d canceled, %d retried,"
                                    + " %d failed charges (%d in total)%n",
                            report.trialWarnings(),
                            report.renewed(),
                            report.planChanges(),
                            report.canceled(),
                            report.retried(),
                            report.failedCharges(),
                            report.total());
            return ExitCodes.OK;
        }
    }
}
