package dev.keel.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "The event publication registry (events committed but not yet handled by every listener).",
        subcommands = EventCommands.Resubmit.class)
final class EventCommands extends CommandGroup {

    @Command(
            name = "resubmit",
            mixinStandardHelpOptions = true,
            description = {
                "Hands incomplete event publications to their listeners again and waits until they complete.",
                "Running replicas do this by themselves at start; use it after fixing the cause of failures (a mail"
                        + " server down, a bug) to drain the backlog that keel_event_publications_incomplete shows."
            })
    static final class Resubmit extends OpsCommand {

        private static final Duration POLL = Duration.ofMillis(250);

        @Option(
                names = "--older-than",
                defaultValue = "PT1M",
                description = "Only publications at least this old (ISO-8601 duration; younger ones may still be in"
                        + " flight on a replica). Default: ${DEFAULT-VALUE}.")
        Duration olderThan = Duration.ofMinutes(1);

        @Option(
                names = "--wait",
                defaultValue = "PT2M",
                description = "How long to wait for the listeners to complete them. Default: ${DEFAULT-VALUE}.")
        Duration wait = Duration.ofMinutes(2);

        @Override
        int run() throws InterruptedException {
            var registry = bean(EventPublicationRegistry.class);
            var due = ids(registry.findIncompletePublicationsOlderThan(olderThan));
            if (due.isEmpty()) {
                out().println("No incomplete event publications older than " + olderThan);
                return ExitCodes.OK;
            }
            out().println("Resubmitting " + due.size() + " incomplete event publications");
            bean(IncompleteEventPublications.class)
                    .resubmitIncompletePublications(publication -> due.contains(publication.getIdentifier()));

            var deadline = Instant.now().plus(wait);
            long remaining = due.size();
            while (remaining > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(POLL);
                var incomplete = ids(registry.findIncompletePublications());
                long now = due.stream().filter(incomplete::contains).count();
                if (now != remaining) {
                    progress(due.size() - now, due.size(), "publications completed");
                    remaining = now;
                }
            }
            if (remaining > 0) {
                err().println("error: " + remaining + " publications are still incomplete after " + wait
                        + ": their listeners keep failing, see the application log");
                return ExitCodes.FAILED;
            }
            out().println("All " + due.size() + " resubmitted publications completed");
            return ExitCodes.OK;
        }

        private static Set<UUID> ids(java.util.Collection<TargetEventPublication> publications) {
            return publications.stream()
                    .map(TargetEventPublication::getIdentifier)
                    .collect(Collectors.toSet());
        }
    }
}
