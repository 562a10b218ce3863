package dev.keel.notifications.delivery;

import dev.keel.notifications.NotificationsProperties;
import dev.keel.notifications.email.EmailDeliveries;
import dev.keel.notifications.email.EmailSender;
import dev.keel.notifications.message.Channel;
import dev.keel.notifications.webhook.WebhookDeliveries;
import dev.keel.notifications.webhook.WebhookRetryRequested;
import dev.keel.notifications.webhook.WebhookSender;
import dev.keel.platform.web.DatabaseUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends what is owed. Woken right after a listener commits new deliveries, and by a timer that finds
 * retries that became due (and work left by a replica that died). Each channel has threads of its own, so
 * a slow webhook receiver never holds up an email (a password reset included). A pass claims one batch,
 * sends it and, if the batch was full, queues the next pass behind whatever else waits: work per pass is
 * bounded. A claimed batch is leased for longer than sending it can take with the channel's timeouts, so
 * no other pass or replica claims a delivery that is still being sent. Where background work is off
 * ({@code keel.scheduling.enabled=false}, as in an ops command) nothing wakes it: what is owed stays owed
 * for the server to send.
 */
@Component
public class DeliveryWorker implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final EmailDeliveries emails;
    private final WebhookDeliveries webhooks;
    private final EmailSender emailSender;
    private final WebhookSender webhookSender;
    private final EndpointDisabling disabling;
    private final NotificationMetrics metrics;
    private final NotificationsProperties.Delivery settings;
    private final Duration disableAfter;
    private final RetrySchedule retries;
    private final Clock clock;
    private final Duration webhookLease;
    private final ThreadPoolTaskExecutor emailExecutor;
    private final ThreadPoolTaskExecutor webhookExecutor;
    private final boolean sending;

    DeliveryWorker(
            EmailDeliveries emails,
            WebhookDeliveries webhooks,
            EmailSender emailSender,
            WebhookSender webhookSender,
            EndpointDisabling disabling,
            NotificationMetrics metrics,
            NotificationsProperties properties,
            Clock clock,
            @Value("${keel.scheduling.enabled:true}") boolean sending) {
        this.emails = emails;
        this.webhooks = webhooks;
        this.emailSender = emailSender;
        this.webhookSender = webhookSender;
        this.disabling = disabling;
        this.metrics = metrics;
        this.settings = properties.delivery();
        this.disableAfter = properties.webhooks().disableAfter();
        this.retries = new RetrySchedule(settings.retrySchedule(), settings.jitter());
        this.clock = clock;
        // The longest a batch can take: every delivery waiting out both timeouts.
        var perDelivery = properties
                .webhooks()
                .connectTimeout()
                .plus(properties.webhooks().readTimeout());
        this.webhookLease = settings.lease().plus(perDelivery.multipliedBy(settings.batchSize()));
        this.emailExecutor = executor("notify-email-", settings.concurrency());
        this.webhookExecutor = executor("notify-webhook-", settings.concurrency());
        this.sending = sending;
    }

    /**
     * Up to {@code threads} passes run at once, and as many wait; more wake-ups add nothing, as a waiting
     * pass will find their work.
     */
    private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(threads);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        executor.setThreadNamePrefix(prefix);
        executor.initialize();
        return executor;
    }

    /** Starts sending what is due now, without waiting for the timer. */
    void wake() {
        if (!sending) {
            return;
        }
        try {
            emailExecutor.execute(this::drainEmails);
            webhookExecutor.execute(this::drainWebhooks);
        } catch (TaskRejectedException shuttingDown) {
            LOG.debug("Delivery worker is shutting down; the timer of another start will send", shuttingDown);
        }
    }

    /** Wakes the worker once the current transaction has committed what it owes. */
    void wakeAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }
        });
    }

    /** Synchronous, in the retrying transaction, so the wake-up waits for its commit. */
    @EventListener
    void on(WebhookRetryRequested event) {
        wakeAfterCommit();
    }

    @Scheduled(fixedDelayString = "${keel.notifications.delivery.poll-interval:PT1S}")
    void poll() {
        wake();
    }

    /** Sends one batch of due emails, and queues another pass if it was full. */
    public void drainEmails() {
        try {
            var now = now();
            var batch = emails.claimDue(now, now.plus(settings.lease()), settings.batchSize());
            batch.forEach(this::send);
            continueIfFull(batch.size(), emailExecutor, this::drainEmails);
        } catch (RuntimeException e) {
            DatabaseUnavailable.logFailure(LOG, "Email delivery pass", "the next pass resumes it", e);
        }
    }

    /** Sends one batch of due webhook deliveries, and queues another pass if it was full. */
    public void drainWebhooks() {
        try {
            var now = now();
            var batch = webhooks.claimDue(now, now.plus(webhookLease), settings.batchSize());
            batch.forEach(this::send);
            continueIfFull(batch.size(), webhookExecutor, this::drainWebhooks);
        } catch (RuntimeException e) {
            DatabaseUnavailable.logFailure(LOG, "Webhook delivery pass", "the next pass resumes it", e);
        }
    }

    private void continueIfFull(int sent, ThreadPoolTaskExecutor executor, Runnable next) {
        if (sent < settings.batchSize()) {
            return;
        }
        try {
            executor.execute(next);
        } catch (TaskRejectedException shuttingDown) {
            LOG.debug("Delivery worker is shutting down; the timer of another start will send", shuttingDown);
        }
    }

    /** How long a claimed webhook batch stays claimed. */
    public Duration webhookLease() {
        return webhookLease;
    }

    private void send(EmailDeliveries.Claimed email) {
        try {
            emailSender.send(email);
            emails.sent(email.id(), now());
            metrics.sent(Channel.EMAIL);
        } catch (MailException e) {
            var next = retries.nextAttempt(email.attempts() + 1, now());
            LOG.warn("Email {} not sent (attempt {}): {}", email.id(), email.attempts() + 1, e.getMessage());
            emails.attemptFailed(email.id(), Errors.describe(e), next);
            metrics.failed(Channel.EMAIL, next != null);
        }
    }

    private void send(WebhookDeliveries.Claimed delivery) {
        var attempt = webhookSender.deliver(delivery);
        metrics.webhookAttempt(attempt.took());
        if (attempt.succeeded()) {
            webhooks.succeeded(delivery, attempt.statusCode() == null ? 0 : attempt.statusCode());
            metrics.sent(Channel.WEBHOOK);
            return;
        }
        var now = now();
        var next = retries.nextAttempt(delivery.attempts() + 1, now);
        var failingSince = webhooks.failed(delivery, attempt.statusCode(), Errors.truncate(attempt.error()), next, now);
        metrics.failed(Channel.WEBHOOK, next != null);
        if (failingSince != null && !failingSince.plus(disableAfter).isAfter(now)) {
            disabling.disable(delivery.endpointId(), failingSince);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    @Override
    public void destroy() {
        emailExecutor.shutdown();
        webhookExecutor.shutdown();
    }
}
