package dev.keel.platform.events;

import dev.keel.platform.time.ClusterLock;
import dev.keel.platform.web.DatabaseUnavailable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Keeps the event publication registry moving while the application runs: events whose listener failed
 * or died are resubmitted periodically (start-up resubmission alone would leave them until the next
 * deployment), and completed publications are deleted. One replica at a time does either, under a
 * cluster lock: several replicas resubmitting the same publications at once would only run their listeners
 * several times. Listeners are idempotent all the same (they deduplicate by event id), so a resubmission
 * that races a slow first attempt does no harm.
 */
@Component
@EnableConfigurationProperties(EventPublicationMaintenance.Settings.class)
class EventPublicationMaintenance implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    /**
     * @param resubmitInterval how often incomplete publications are looked for
     * @param resubmitAfter how old an incomplete publication must be to be resubmitted; longer than a
     *     listener normally takes, so running ones are left alone
     * @param cleanupInterval how often completed publications are deleted
     * @param keepCompleted how long completed publications are kept
     */
    @Validated
    @ConfigurationProperties("keel.events")
    record Settings(
            @DefaultValue("PT1M") @NotNull @DurationMin(seconds = 1)
            Duration resubmitInterval,

            @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 1)
            Duration resubmitAfter,

            @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1)
            Duration cleanupInterval,

            @DefaultValue("PT1H") @NotNull Duration keepCompleted) {}

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final Settings settings;
    private final ClusterLock lock;

    EventPublicationMaintenance(
            IncompleteEventPublications incomplete,
            CompletedEventPublications completed,
            Settings settings,
            ClusterLock lock) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.settings = settings;
        this.lock = lock;
    }

    /** Scheduled only where scheduling is switched on ({@code keel.scheduling.enabled}). */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(
                new FixedDelayTask(this::resubmitIncomplete, settings.resubmitInterval(), settings.resubmitInterval()));
        tasks.addFixedDelayTask(
                new FixedDelayTask(this::deleteCompleted, settings.cleanupInterval(), settings.cleanupInterval()));
    }

    void resubmitIncomplete() {
        try {
            lock.runIfFree(
                    "event-publications-resubmission",
                    ClusterLock.MINIMUM_AT_MOST,
                    () -> incomplete.resubmitIncompletePublicationsOlderThan(settings.resubmitAfter()));
        } catch (RuntimeException e) {
            DatabaseUnavailable.logFailure(
                    LOG, "Resubmitting incomplete event publications", "the next run tries again", e);
        }
    }

    void deleteCompleted() {
        lock.runIfFree(
                "event-publications-cleanup",
                ClusterLock.MINIMUM_AT_MOST,
                () -> completed.deletePublicationsOlderThan(settings.keepCompleted()));
    }
}
