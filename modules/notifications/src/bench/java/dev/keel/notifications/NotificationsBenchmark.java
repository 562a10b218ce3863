package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.users.UserRegistered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throughput from commit to delivery with a backlog: {@code bench.events} (10,000) billing events are
 * committed at once for users with a webhook endpoint each, then the clock runs until every in-app
 * message is stored and every webhook has reached a local receiver (emails are captured). Not a test: it
 * lives in {@code src/bench/java}, is compiled with the tests and never run by them; run it with
 *
 * <pre>./mvnw -B -ntp -pl modules/notifications -am verify -Dtest=NotificationsBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It uses the test database (embedded PostgreSQL, or {@code KEEL_TEST_DATABASE_URL}) and writes its
 * numbers to {@code target/notifications-benchmark.txt}.
 */
@SpringBootTest(
        properties = {
            // As the application runs: listeners on virtual threads, at most 16 at a time.
            "spring.threads.virtual.enabled=true",
            "spring.task.execution.simple.concurrency-limit=16",
            "spring.datasource.hikari.maximum-pool-size=20",
            "keel.notifications.delivery.poll-interval=PT1S",
            "logging.level.dev.keel=WARN"
        })
class NotificationsBenchmark {

    static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    static final int USERS = 100;
    static final int PER_TRANSACTION = 500;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void measuresEventsPerSecondFromCommitToDelivery() throws IOException {
        try (var receiver = new WebhookReceiver()) {
            var users = java.util.stream.IntStream.range(0, USERS)
                    .mapToObj(i -> UUID.randomUUID())
                    .toList();
            transactions.executeWithoutResult(status -> users.forEach(userId -> events.publishEvent(new UserRegistered(
                    UUID.randomUUID(),
                    userId,
                    "bench-" + userId + "@example.com",
                    "Bench",
                    Instant.now(),
                    Instant.now()))));
            await().atMost(Duration.ofMinutes(1)).until(() -> countFor(users, "notification_recipients") == USERS);
            var inboxBefore = countFor(users, "inbox_messages");
            transactions.executeWithoutResult(status -> users.forEach(
                    userId -> jdbc.sql("""
                            insert into webhook_endpoints (id, user_id, url, events, status, secret, created_at)
                            values (gen_random_uuid(), ?, ?, '*', 'ENABLED', 'plain:whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now())
                            """).params(userId, receiver.url()).update()));

            var started = System.nanoTime();
            for (int from = 0; from < EVENTS; from += PER_TRANSACTION) {
                int to = Math.min(EVENTS, from + PER_TRANSACTION);
                var batch = java.util.stream.IntStream.range(from, to).boxed().toList();
                transactions.executeWithoutResult(status ->
                        batch.forEach(i -> events.publishEvent(BillingEvents.invoicePaid(users.get(i % USERS)))));
            }
            var committed = seconds(started);

            await().atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> countFor(users, "inbox_messages") - inboxBefore >= EVENTS);
            var inApp = seconds(started);
            await().atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> receiver.calls() >= EVENTS);
            var webhooks = seconds(started);
            await().atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> jdbc.sql(
                                            "select count(*) from email_deliveries where status = 'SENT' and type = 'payment_receipt'")
                                    .query(Long.class)
                                    .single()
                            >= EVENTS);
            var emails = seconds(started);

            assertThat(receiver.calls()).isEqualTo(EVENTS);
            var report = String.format(
                    Locale.ROOT,
                    """
                    Notifications benchmark: %d InvoicePaid events for %d users (one webhook endpoint each),
                    committed in transactions of %d; times from the first commit.
                      all events committed          %6.1f s
                      in-app messages stored        %6.1f s  %7.0f events/s
                      webhooks received (HTTP 204)  %6.1f s  %7.0f events/s
                      emails sent (captured)        %6.1f s  %7.0f events/s
                    """,
                    EVENTS,
                    USERS,
                    PER_TRANSACTION,
                    committed,
                    inApp,
                    EVENTS / inApp,
                    webhooks,
                    EVENTS / webhooks,
                    emails,
                    EVENTS / emails);
            System.out.println(report);
            Files.writeString(Path.of("target/notifications-benchmark.txt"), report);
        }
    }

    private long countFor(List<UUID> users, String table) {
        return jdbc.sql("select count(*) from " + table + " where user_id = any(?)")
                .param(users.toArray(UUID[]::new))
                .query(Long.class)
                .single();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
