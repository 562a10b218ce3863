package dev.keel.billing.cycle;

import dev.keel.billing.BillingCycle;
import dev.keel.billing.BillingProperties;
import dev.keel.billing.invoice.InvoiceRepository;
import dev.keel.billing.subscription.SubscriptionRepository;
import java.time.Clock;
import java.time.Duration;
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
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The billing cycle: drains all due work in bounded batches under a cluster-wide lock, pass after pass
 * while a pass gets something done. Work that fails is logged and passed over for the rest of its pass
 * (and met again in the next pass or the next run), so one broken subscription never stops the others.
 */
@Component
class BillingCycleRunner implements BillingCycle {

    private static final Logger log = LoggerFactory.getLogger(BillingCycleRunner.class);
    private static final String LOCK = "billing-cycle";

    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final CycleSteps steps;
    private final LockingTaskExecutor locks;
    private final BillingProperties properties;
    private final Clock clock;

    BillingCycleRunner(
            SubscriptionRepository subscriptions,
            InvoiceRepository invoices,
            CycleSteps steps,
            LockingTaskExecutor locks,
            BillingProperties properties,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.steps = steps;
        this.locks = locks;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${keel.billing.cycle-interval:PT5M}",
            fixedDelayString = "${keel.billing.cycle-interval:PT5M}")
    void scheduled() {
        var report = runDue();
        if (report.total() > 0) {
            log.info("Billing cycle: {}", report);
        }
    }

    @Override
    public Report runDue() {
        return tryRun().orElseGet(() -> new Report(0, 0, 0, 0, 0, 0));
    }

    /** Runs the cycle unless another run (on this or another replica) holds the lock: then empty. */
    Optional<Report> tryRun() {
        // The lock's timing comes from the database (see the LockProvider), not from the application clock.
        var configuration = new LockConfiguration(Instant.now(), LOCK, properties.cycleLockAtMost(), Duration.ZERO);
        try {
            var result = locks.executeWithLock(this::drain, configuration);
            return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("The billing cycle failed", e);
        }
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
        var total = new Totals();
        // Subscriptions are independent of each other: a few at a time, each in its own transaction.
        try (var workers = Executors.newFixedThreadPool(
                properties.cycleConcurrency(),
                Thread.ofVirtual().name("billing-cycle-", 0).factory())) {
            boolean progressed;
            do {
                var now = clock.instant();
                var batch = Limit.of(properties.cycleBatchSize());
                progressed = run(after -> subscriptions.findDue(now, after, batch), steps::advance, total, workers)
                        | run(after -> invoices.findRetriesDue(now, after, batch), steps::retry, total, workers);
            } while (progressed);
        }
        return total.report();
    }

    /**
     * One pass over due work in (due, id) order. Work that fails, or turns out not to be due under its
     * lock, is behind the pass's position and is not met again until the next pass; work that is done but
     * still due (a subscription catching up several periods) moves forward and comes round again.
     */
    private boolean run(
            Function<DueWork, List<DueWork>> due,
            Function<UUID, CycleSteps.Outcome> step,
            Totals total,
            ExecutorService workers) {
        var progressed = false;
        var position = DueWork.START;
        List<DueWork> batch;
        while (!(batch = due.apply(position)).isEmpty()) {
            var work = new LinkedHashMap<UUID, Future<CycleSteps.Outcome>>();
            batch.forEach(item -> work.put(item.id(), workers.submit(() -> step.apply(item.id()))));
            for (var entry : work.entrySet()) {
                var outcome = outcomeOf(entry.getKey(), entry.getValue());
                if (!outcome.equals(CycleSteps.Outcome.NOTHING)) {
                    total.add(outcome);
                    progressed = true;
                }
            }
            position = batch.getLast();
        }
        return progressed;
    }

    private static CycleSteps.Outcome outcomeOf(UUID id, Future<CycleSteps.Outcome> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            log.error("Billing cycle: work on {} failed; the next run tries again", id, e.getCause());
            return CycleSteps.Outcome.NOTHING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the billing cycle", e);
        }
    }

    private static final class Totals {
        private int trialWarnings;
        private int renewed;
        private int planChanges;
        private int canceled;
        private int retried;
        private int failedCharges;

        void add(CycleSteps.Outcome outcome) {
            trialWarnings += outcome.trialWarnings();
            renewed += outcome.renewed();
            planChanges += outcome.planChanges();
            canceled += outcome.canceled();
            retried += outcome.retried();
            failedCharges += outcome.failedCharges();
        }

        Report report() {
            return new Report(trialWarnings, renewed, planChanges, canceled, retried, failedCharges);
        }
    }
}
