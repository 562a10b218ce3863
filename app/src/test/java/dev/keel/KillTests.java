package dev.keel;

import static dev.keel.KeelProcesses.freePort;
import static dev.keel.KeelProcesses.incompletePublications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of a real Keel process (a JVM of its own, on the test's classpath) in the middle of a
 * billing cycle batch, of webhook deliveries and of event externalization; then the same process started
 * again on the same PostgreSQL, which belongs to the test and survives the kill. Two row locks of the test
 * stop the work at known points instead of racing it: one on a subscription of the cycle's third batch
 * (the cycle waits for it), one on a user's webhook endpoint (the listeners of that user's events wait for
 * it, their event publications stay incomplete). The webhook receiver holds every request open. The process
 * also publishes its events to the machine's RabbitMQ (127.0.0.1:5672, an exchange of this test's own),
 * where a queue of the test sees every event that a webhook receiver got, at least once.
 */
class KillTests {

    static final int SUBSCRIPTIONS = 40;
    static final int BATCH = 10;
    /** The subscription, in the cycle's order, that the cycle waits for: the middle of the third batch. */
    static final int BLOCKED = 25;
    /** The user, in the cycle's order, whose events' listeners wait: renewed in the first batch. */
    static final int UNLISTENED = 5;

    static final String PASSWORD = "kill-test-passphrase";
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Path data;
    EmbeddedPostgres postgres;
    GreenMail smtp;
    Receiver receiver;
    Path logs;
    int port;
    Process keel;
    KeelProcesses.BrokerQueue broker;

    @BeforeEach
    void start() throws IOException {
        data = Files.createTempDirectory("keel-kill-postgres");
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        receiver = new Receiver();
        logs = Files.createDirectories(Path.of("target", "kill-tests"));
        port = freePort();
        broker = new KeelProcesses.BrokerQueue();
    }

    @AfterEach
    void stop() throws IOException {
        if (keel != null) {
            keel.destroyForcibly();
        }
        receiver.close();
        broker.close();
        smtp.stop();
        postgres.close();
        FileSystemUtils.deleteRecursively(data);
    }

    @Test
    void billsEveryPeriodOnceAndDeliversEveryEventAfterAKillDuringTheCycle() throws Exception {
        var testStarted = System.nanoTime();
        keel = startKeel("first");
        var users = IntStream.rangeClosed(1, SUBSCRIPTIONS).boxed().toList();
        try (var parallel = Executors.newFixedThreadPool(8)) {
            for (var future : parallel.invokeAll(users.stream()
                    .map(n -> (java.util.concurrent.Callable<Void>) () -> {
                        signUpWithWebhookEndpoint(n);
                        return null;
                    })
                    .toList())) {
                future.get();
            }
        }
        // Subscriptions due at one moment, as the benchmark data set makes them: one cycle, four batches.
        assertThat(seed()).isZero();
        var jdbc = jdbc();
        var subscriptions = jdbc.sql("select id, user_id from subscriptions order by next_action_at, id")
                .query((row, n) -> List.of(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class)))
                .list();
        assertThat(subscriptions).hasSize(SUBSCRIPTIONS);
        assertThat(charges(jdbc)).isZero();
        await().atMost(PATIENCE)
                .until(() -> incompletePublications(jdbc) == 0 && smtp.getReceivedMessages().length >= SUBSCRIPTIONS);
        var setupMails = smtp.getReceivedMessages().length;

        try (var cycleBlock = lock(
                        "select 1 from subscriptions where id = ? for update",
                        subscriptions.get(BLOCKED - 1).get(0));
                var listenerBlock = lock(
                        "select 1 from webhook_endpoints where user_id = ? for update",
                        subscriptions.get(UNLISTENED - 1).get(1))) {
            receiver.hold();
            var admin = signIn("admin@keel.local", "keel-admin-dev-only");
            http.sendAsync(
                    authorized("/api/v1/admin/clock/advance", admin, "{\"duration\": \"P40D\"}"),
                    HttpResponse.BodyHandlers.discarding());

            // Batches one and two done, the third waits for the blocked subscription, the fourth not begun.
            var renewedBeforeKill = 2 * BATCH + BATCH - 1;
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> charges(jdbc) == renewedBeforeKill
                            && receiver.open() > 0
                            && incompletePublications(jdbc) >= 3);
            keel.destroyForcibly();
            assertThat(keel.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(keel.exitValue()).isEqualTo(137);
            cycleBlock.rollback();
            listenerBlock.rollback();
        }
        var heldAtKill = receiver.heldIds();
        receiver.release();
        var chargesAtKill = charges(jdbc);
        var incompleteAtKill = incompletePublications(jdbc);
        var webhooksAtKill = receiver.answered().size();
        var mailsAtKill = smtp.getReceivedMessages().length - setupMails;
        var lockLeft = jdbc.sql(
                        "select extract(epoch from lock_until - now()) from shedlock where name = 'billing-cycle'")
                .query(Double.class)
                .single();
        assertThat(lockLeft).as("the dead cycle's lock is still held").isPositive();

        var restarted = System.nanoTime();
        keel = startKeel("second");
        var ready = Duration.ofNanos(System.nanoTime() - restarted);
        var admin = signIn("admin@keel.local", "keel-admin-dev-only");
        // Past the leases of the deliveries the dead process had claimed; the cycle first waits out its lock.
        var advanced = http.send(
                authorized("/api/v1/admin/clock/advance", admin, "{\"duration\": \"PT15M\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(200);
        var billed = Duration.ofNanos(System.nanoTime() - restarted);

        var numbers = renewalNumbers(jdbc);
        await().atMost(PATIENCE)
                .until(() -> incompletePublications(jdbc) == 0 && allWebhooksAnswered() && allMailsReceived(numbers));
        var delivered = Duration.ofNanos(System.nanoTime() - restarted);

        // Every due period billed exactly once: one charge and one new invoice per subscription.
        assertThat(jdbc.sql("""
                        select s.id, count(c.*) from subscriptions s
                        join payment_methods m on m.user_id = s.user_id
                        left join simulated_gateway_charges c on c.card_reference = m.gateway_reference
                        group by s.id
                        """).query((row, n) -> row.getLong(2)).list())
                .hasSize(SUBSCRIPTIONS)
                .containsOnly(1L);
        assertThat(numbers).hasSize(SUBSCRIPTIONS);
        assertThat(jdbc.sql("select count(*) from invoices group by subscription_id")
                        .query(Long.class)
                        .list())
                .containsOnly(31L);
        // Every event on every channel: the in-app messages once each (welcome, invoice, receipt).
        assertThat(jdbc.sql("select count(*) from inbox_messages where user_id in (select user_id from subscriptions)"
                                + " group by user_id")
                        .query(Long.class)
                        .list())
                .hasSize(SUBSCRIPTIONS)
                .containsOnly(3L);
        // What the receiver held when the process died came again, under the same webhook-id.
        assertThat(heldAtKill).isNotEmpty();
        assertThat(receiver.answered().stream().map(Received::id).collect(Collectors.toSet()))
                .containsAll(heldAtKill);
        assertThat(incompletePublications(jdbc)).isZero();
        // And every one of those events on the broker, at least once, under the same id.
        var onTheBroker = broker.drainMessageIds();
        assertThat(new HashSet<>(onTheBroker))
                .containsAll(receiver.answered().stream().map(Received::id).collect(Collectors.toSet()));

        var webhookRequests = receiver.requests();
        var distinctWebhooks =
                receiver.answered().stream().map(Received::id).distinct().count();
        var mails = smtp.getReceivedMessages().length - setupMails;
        System.out.printf(
                "Kill -9: %d subscriptions, %d charged before the kill, %d after the restart (one each);"
                        + " at the kill %d incomplete publications, %d webhooks answered, %d held open, %d renewal"
                        + " emails sent; after the restart: ready in %d ms, billing done (lock waited out) %d ms,"
                        + " everything delivered %d ms (%d renewal emails for %d owed, %d webhook requests for %d"
                        + " events, %d broker messages for %d events); cycle lock had %.1f s left at the kill;"
                        + " whole test %d ms%n",
                SUBSCRIPTIONS,
                chargesAtKill,
                charges(jdbc),
                incompleteAtKill,
                webhooksAtKill,
                heldAtKill.size(),
                mailsAtKill,
                ready.toMillis(),
                billed.toMillis(),
                delivered.toMillis(),
                mails,
                2 * SUBSCRIPTIONS,
                webhookRequests,
                distinctWebhooks,
                onTheBroker.size(),
                new HashSet<>(onTheBroker).size(),
                lockLeft,
                Duration.ofNanos(System.nanoTime() - testStarted).toMillis());
    }

    /** Keel's own main class in a JVM of its own, on this test's classpath, in the development profile. */
    private Process startKeel(String name) throws Exception {
        var settings = Map.ofEntries(
                Map.entry("spring.profiles.active", "dev"),
                Map.entry("server.port", String.valueOf(port)),
                Map.entry("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres")),
                Map.entry("spring.datasource.username", "postgres"),
                Map.entry("spring.datasource.password", "postgres"),
                Map.entry("keel.notifications.email.capture", "false"),
                Map.entry("spring.mail.host", "127.0.0.1"),
                Map.entry("spring.mail.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("keel.billing.cycle-batch-size", String.valueOf(BATCH)),
                Map.entry("keel.users.account-limits.registrations-per-ip", "1000"),
                // A configured broker is enough to publish to it (and to make it part of readiness).
                Map.entry("spring.rabbitmq.host", "127.0.0.1"),
                Map.entry("keel.broker.exchange", broker.exchange()));
        var command = new ArrayList<>(KeelProcesses.command(List.of()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile())
                .start();
        var readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive())
                    .as("Keel exited; see target/kill-tests/" + name + ".log")
                    .isTrue();
            try {
                return http.send(readiness, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return process;
    }

    /** {@code seed bench}, as an operator runs it: the same main class, configured from the environment. */
    private int seed() throws Exception {
        var command = KeelProcesses.command(List.of("seed", "bench", "--users", String.valueOf(SUBSCRIPTIONS)));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("seed.log").toFile());
        builder.environment().put("SPRING_PROFILES_ACTIVE", "dev");
        builder.environment().put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        var process = builder.start();
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private void signUpWithWebhookEndpoint(int n) throws Exception {
        var email = "bench-user-" + n + "@example.com";
        var registered = http.send(
                json("/api/v1/users", """
                        {"email": "%s", "password": "%s", "displayName": "Kill %d"}""".formatted(email, PASSWORD, n)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var endpoint = http.send(
                authorized("/api/v1/webhook-endpoints", signIn(email, PASSWORD), """
                        {"url": "%s/%d", "events": ["*"]}""".formatted(receiver.url(), n)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
    }

    private String signIn(String email, String password) throws Exception {
        var response = http.send(
                json("/api/v1/auth/token", """
                        {"email": "%s", "password": "%s"}""".formatted(email, password)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    private HttpRequest.Builder json(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .timeout(PATIENCE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest authorized(String path, String token, String body) {
        return json(path, body).header("Authorization", "Bearer " + token).build();
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
    }

    /** A transaction of the test's own holding the row lock the query takes, until rolled back. */
    private Connection lock(String query, UUID id) throws SQLException {
        var connection =
                DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        connection.setAutoCommit(false);
        JdbcClient.create(new SingleConnectionDataSource(connection, true))
                .sql(query)
                .param(id)
                .query()
                .listOfRows();
        return connection;
    }

    private static long charges(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from simulated_gateway_charges")
                .query(Long.class)
                .single();
    }

    /** The number of each subscription's renewal invoice, by user. */
    private static Map<UUID, String> renewalNumbers(JdbcClient jdbc) {
        return jdbc
                .sql("""
                        select i.user_id, i.number from invoices i join subscriptions s on s.id = i.subscription_id
                        where i.period_start = s.current_period_start
                        """)
                .query((row, n) -> Map.entry(row.getObject(1, UUID.class), row.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Each user's endpoint answered invoice.issued, invoice.paid and subscription.renewed. */
    private boolean allWebhooksAnswered() {
        var types = receiver.answered().stream()
                .collect(Collectors.groupingBy(
                        Received::path,
                        Collectors.mapping(
                                received -> JSON.readTree(received.body())
                                        .path("type")
                                        .asString(),
                                Collectors.toSet())));
        return types.size() == SUBSCRIPTIONS
                && types.values().stream()
                        .allMatch(set ->
                                set.containsAll(Set.of("invoice.issued", "invoice.paid", "subscription.renewed")));
    }

    /** Each renewal invoice's email and its receipt reached the mail server. */
    private boolean allMailsReceived(Map<UUID, String> numbers) throws MessagingException {
        var subjects = new HashSet<String>();
        for (Message message : smtp.getReceivedMessages()) {
            subjects.add(message.getSubject());
        }
        return numbers.size() == SUBSCRIPTIONS
                && numbers.values().stream()
                        .allMatch(number -> subjects.contains("Receipt for invoice " + number)
                                && subjects.stream()
                                        .anyMatch(subject -> subject.startsWith("Invoice " + number + " ")));
    }

    record Received(String path, String id, String body) {}

    /** A webhook receiver that answers 204, or, while holding, keeps every request open until released. */
    static final class Receiver implements AutoCloseable {

        private final HttpServer server;
        private final ConcurrentLinkedQueue<Received> answered = new ConcurrentLinkedQueue<>();
        private final Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        private volatile CountDownLatch released = new CountDownLatch(0);

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                var received = new Received(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                var latch = released;
                if (latch.getCount() > 0) {
                    held.add(received.id());
                    open.incrementAndGet();
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        open.decrementAndGet();
                    }
                    exchange.close(); // its sender timed out or died meanwhile: never an answer
                    return;
                }
                exchange.sendResponseHeaders(204, -1);
                answered.add(received);
                exchange.close();
            });
            server.start();
        }

        void hold() {
            released = new CountDownLatch(1);
        }

        void release() {
            released.countDown();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        int open() {
            return open.get();
        }

        Set<String> heldIds() {
            return Set.copyOf(held);
        }

        List<Received> answered() {
            return List.copyOf(answered);
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            release();
            server.stop(0);
        }
    }
}
