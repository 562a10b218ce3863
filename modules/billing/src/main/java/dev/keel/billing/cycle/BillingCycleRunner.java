package dev.keel.billing.cycle;

import dev.keel.billing.BillingCycle;
import dev.keel.billing.BillingProperties;
import dev.keel.billing.invoice.InvoiceRepository;
import dev.keel.billing.subscription.SubscriptionRepository;
import dev.keel.platform.time.ClusterLock;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The billing cycle: drains all due work in bounded batches under a cluster-wide lock, pass after pass
 * while a pass gets something done. Work that fails is logged and passed over for the rest of its pass
 * (and met again in the next pass or the next run), so one broken subscription never stops the others.
 */
@Component
class BillingCycleRunner implements BillingCycle, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(BillingCycleRunner.class);
    private static final String LOCK = "billing-cycle";

    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final CycleSteps steps;
    private final ClusterLock lock;
    private final BillingProperties properties;
    private final Clock clock;

    BillingCycleRunner(
            SubscriptionRepository subscriptions,
            InvoiceRepository invoices,
            CycleSteps steps,
            ClusterLock lock,
            BillingProperties properties,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.steps = steps;
        this.lock = lock;
        this.properties = properties;
        this.clock = clock;
    }

    /** Scheduled only where scheduling is switched on ({@code keel.scheduling.enabled}). */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(
                new FixedDelayTask(this::scheduled, properties.cycleInterval(), properties.cycleInterval()));
    }

    void scheduled() {
        var report = runDue();
        if (report.total() > 0) {
            log.info("Billing cycle: {}", report);
        }
    }

    @Override
    public Report runDue() {
        return tryRun().orElse(Report.NOTHING);
    }

    /** Runs the cycle unless another run (on this or another replica) holds the lock: then empty. */
    Optional<Report> tryRun() {
        return lock.runExclusively(LOCK, properties.cycleLockAtMost(), this::drain);
    }

    /** When the next billing work falls due, or null when nothing is scheduled. */
    @org.jspecify.annotations.Nullable
    Instant nextDueAt() {
        var subscription = subscriptions.nextActionAt();
        var retry = invoices.nextRetryAt();
        if (subscription == null) {
            return retry;
        }
        return retry == null || subscription.isBefore(retry) ? subscription : retry;
    }

    private Report drain() {
        var total = Report.NOTHING;
        // Subscriptions are independent of each other: a few at a time, each in its own transaction.
        try (var workers = Executors.newFixedThreadPool(
                properties.cycleConcurrency(),
                Thread.ofVirtual().name("billing-cycle-", 0).factory())) {
            Report pass;
            do {
                var now = clock.instant();
                var batch = Limit.of(properties.cycleBatchSize());
                pass = run(after -> subscriptions.findDue(now, after, batch), steps::advance, workers)
                        .plus(run(after -> invoices.findRetriesDue(now, after, batch), steps::retry, workers));
                total = total.plus(pass);
            } while (!pass.equals(Report.NOTHING));
        }
        return total;
    }

    /**
     * One pass over due work in (due, id) order. Work that fails, or turns out not to be due under its
     * lock, is behind the pass's position and is not met again until the next pass; work that is done but
     * still due (a subscription catching up several periods) moves forward and comes round again.
     */
    private Report run(Function<DueWork, List<DueWork>> due, Function<UUID, Report> step, ExecutorService workers) {
        var done = Report.NOTHING;
        for (var batch = due.apply(DueWork.START); !batch.isEmpty(); batch = due.apply(batch.getLast())) {
            var work = new LinkedHashMap<UUID, Future<Report>>();
            batch.forEach(item -> work.put(item.id(), workers.submit(() -> step.apply(item.id()))));
            for (var entry : work.entrySet()) {
                done = done.plus(outcomeOf(entry.getKey(), entry.getValue()));
            }
        }
        return done;
    }

    private static Report outcomeOf(UUID id, Future<Report> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            log.error("Billing cycle: work on {} failed; the next run tries again", id, e.getCause());
            return Report.NOTHING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the billing cycle", e);
        }
    }
}
