package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.NotificationsTestApplication;
import dev.keel.billing.InvoiceIssued;
import dev.keel.notifications.delivery.DeliveryWorker;
import dev.keel.notifications.webhook.WebhookEndpoints;
import dev.keel.users.UserRegistered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery guarantee: an event committed just before the process stops is delivered after the next
 * start, exactly once per channel.
 */
class CrashRecoveryTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void deliversAnEventCommittedBeforeAStopOncePerChannelAfterTheRestart() throws Exception {
        var issued = BillingEvents.invoiceIssued(UUID.randomUUID());
        var userId = issued.userId();

        try (var receiver = new WebhookReceiver()) {
            stopRightAfterCommitting(issued, receiver);

            try (var second = start()) {
                await().atMost(PATIENCE).until(() -> receiver.calls() == 1);
                await().atMost(PATIENCE).until(() -> sentEmails(second, issued.eventId()) == 1);
                assertThat(count(second, "inbox_messages", userId)).isEqualTo(2);

                // A second delivery of the same event, as after another crash, owes nothing new.
                commit(second, issued);
                await().atMost(PATIENCE).until(() -> incompletePublications(second, issued.eventId()) == 0);
                second.getBean(DeliveryWorker.class).drainWebhooks();
                second.getBean(DeliveryWorker.class).drainEmails();

                assertThat(receiver.calls()).isEqualTo(1);
                assertThat(receiver.received().getFirst().id())
                        .isEqualTo(issued.eventId().toString());
                assertThat(sentEmails(second, issued.eventId())).isEqualTo(1);
                assertThat(count(second, "inbox_messages", userId)).isEqualTo(2);
            }
        }
    }

    @Test
    void resubmitsIncompletePublicationsPeriodicallyWithoutARestart() throws Exception {
        var issued = BillingEvents.invoiceIssued(UUID.randomUUID());

        try (var receiver = new WebhookReceiver()) {
            stopRightAfterCommitting(issued, receiver);

            try (var second = start(
                    "spring.modulith.events.republish-outstanding-events-on-restart=false",
                    "keel.events.resubmit-interval=PT1S",
                    "keel.events.resubmit-after=PT1S")) {
                await().atMost(PATIENCE).until(() -> receiver.calls() == 1);
                await().atMost(PATIENCE).until(() -> sentEmails(second, issued.eventId()) == 1);
                await().atMost(PATIENCE).until(() -> incompletePublications(second, issued.eventId()) == 0);
                assertThat(count(second, "inbox_messages", issued.userId())).isEqualTo(2);
            }
        }
    }

    /** Commits the event while no listener can run, then stops the application, as a crash would. */
    private static void stopRightAfterCommitting(InvoiceIssued issued, WebhookReceiver receiver) {
        var userId = issued.userId();
        try (var first = start()) {
            commit(
                    first,
                    new UserRegistered(
                            UUID.randomUUID(),
                            userId,
                            "crash-" + userId + "@example.com",
                            "Crash Test",
                            Instant.now(),
                            Instant.now()));
            await().atMost(PATIENCE).until(() -> count(first, "inbox_messages", userId) == 1);
            first.getBean(WebhookEndpoints.class).create(userId, receiver.url(), List.of("*"), null);

            // The only listener thread is kept busy, so the committed event's listener never runs here.
            var busy = new CountDownLatch(1);
            first.getBean("applicationTaskExecutor", TaskExecutor.class).execute(() -> {
                try {
                    busy.await();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
            commit(first, issued);

            assertThat(incompletePublications(first, issued.eventId())).isEqualTo(1);
            assertThat(count(first, "inbox_messages", userId)).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        var all = new java.util.ArrayList<>(List.of(
                "server.port=0",
                "spring.task.execution.pool.core-size=1",
                "spring.task.execution.pool.max-size=1",
                // The stop does not wait for the blocked listener thread.
                "spring.lifecycle.timeout-per-shutdown-phase=PT1S"));
        all.addAll(List.of(properties));
        // As command-line arguments, so they override the tests' application.properties.
        return new SpringApplicationBuilder(NotificationsTestApplication.class)
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new));
    }

    private static void commit(ConfigurableApplicationContext context, Object event) {
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> context.publishEvent(event));
    }

    private static long incompletePublications(ConfigurableApplicationContext context, UUID eventId) {
        return context.getBean(JdbcClient.class)
                .sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
                .param("%" + eventId + "%")
                .query(Long.class)
                .single();
    }

    private static long count(ConfigurableApplicationContext context, String table, UUID userId) {
        return context.getBean(JdbcClient.class)
                .sql("select count(*) from " + table + " where user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    private static long sentEmails(ConfigurableApplicationContext context, UUID eventId) {
        return context.getBean(JdbcClient.class)
                .sql("select count(*) from email_deliveries where event_id = ? and status = 'SENT'")
                .param(eventId)
                .query(Long.class)
                .single();
    }
}
