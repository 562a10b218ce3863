package dev.keel;

import static dev.keel.KeelProcesses.freePort;
import static dev.keel.KeelProcesses.incompletePublications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three Keel processes in the {@code prod} profile (JVMs of their own, on this test's classpath) on one
 * PostgreSQL and the machine's RabbitMQ, behind HAProxy (Debian's package) balancing round robin. Many
 * clients register, verify their email, subscribe and pay through the balancer; one replica is killed with
 * {@code kill -9} in the middle; an admin changes a plan and disables a user. Asserted: every invoice charged
 * once, one invoice per subscription period, every event's email sent once and every event on the broker,
 * and the plan change and the disabled account seen by every live replica within a second.
 */
class FleetTests {

    static final int USERS = 24;
    static final String PASSWORD = "fleet-test-passphrase";
    static final String ADMIN = "admin@fleet.test";
    static final String ADMIN_PASSWORD = "fleet-admin-passphrase";
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final Duration WITHIN = Duration.ofSeconds(1);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern VERIFICATION = Pattern.compile("verify-email\\?token=([A-Za-z0-9_\\-]+)");

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Path data;
    Path logs;
    EmbeddedPostgres postgres;
    GreenMail smtp;
    KeelProcesses.BrokerQueue broker;
    final List<Replica> replicas = new ArrayList<>();
    Process haproxy;
    int balancer;

    record Replica(String name, int port, int managementPort, Process process) {}

    @BeforeEach
    void start() throws Exception {
        var haproxyBinary = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxyBinary)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("HAProxy is required in CI (.ci/run installs Debian's haproxy package)");
            }
            Assumptions.abort("HAProxy not installed: the fleet was not tested (apt-get install haproxy)");
        }
        data = Files.createTempDirectory("keel-fleet-postgres");
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        logs = Files.createDirectories(Path.of("target", "fleet-tests"));
        broker = new KeelProcesses.BrokerQueue();

        assertThat(run("migrate", List.of("db", "migrate"))).isZero();
        for (var name : List.of("one", "two", "three")) {
            replicas.add(startReplica(name));
        }
        for (var replica : replicas) {
            awaitReady(replica);
        }
        balancer = freePort();
        var config = logs.resolve("haproxy.cfg");
        var servers = new StringBuilder();
        for (var replica : replicas) {
            // Checked on the management port, where the prod profile serves the probes.
            servers.append("  server %s 127.0.0.1:%d check port %d inter 500ms fall 2 rise 2\n"
                    .formatted(replica.name(), replica.port(), replica.managementPort()));
        }
        Files.writeString(config, """
                global
                  maxconn 512
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 60s
                  timeout server 60s
                  retries 3
                  option redispatch
                frontend keel
                  bind 127.0.0.1:%d
                  default_backend replicas
                backend replicas
                  balance roundrobin
                  option httpchk GET /actuator/health/readiness
                %s""".formatted(balancer, servers));
        haproxy = new ProcessBuilder(haproxyBinary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("haproxy.log").toFile())
                .start();
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(URI.create(through("/api/v1/plans")))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    @AfterEach
    void stop() throws IOException {
        if (haproxy != null) {
            haproxy.destroyForcibly();
        }
        replicas.forEach(replica -> replica.process().destroyForcibly());
        if (broker != null) {
            broker.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.close();
            FileSystemUtils.deleteRecursively(data);
        }
    }

    @Test
    void behavesAsOneProcessThroughTheBalancerAndLosesNothingWhenAReplicaIsKilled() throws Exception {
        var started = System.nanoTime();
        var admin = signIn(ADMIN, ADMIN_PASSWORD);
        var published = send("POST", "/api/v1/admin/plans", admin, null, """
                {"code": "fleet-monthly", "name": "Fleet", "description": "", "price": {"amount": 1500,
                 "currency": "EUR"}, "interval": "MONTH", "trialDays": 0, "features": []}""");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);

        // Half the customers sign up, then one replica dies without warning while the other half do.
        var customers = new ArrayList<Customer>();
        try (var clients = Executors.newFixedThreadPool(8)) {
            var firstHalf = signUp(clients, 0, USERS / 2);
            customers.addAll(firstHalf);
            var secondHalf = clients.submit(() -> signUp(clients, USERS / 2, USERS));
            await().atMost(PATIENCE).until(() -> registered() >= USERS / 2 + 3);
            var victim = replicas.get(1);
            victim.process().destroyForcibly();
            assertThat(victim.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(victim.process().exitValue()).isEqualTo(137);
            replicas.remove(victim);
            customers.addAll(secondHalf.get());
        }
        var killedAt = Duration.ofNanos(System.nanoTime() - started);
        assertThat(customers).hasSize(USERS);

        // A plan change and a disabled account reach every live replica within a second.
        for (var replica : replicas) {
            assertThat(direct(replica, "/api/v1/plans", null).body()).contains("\"Fleet\"");
        }
        var renamed = send("PATCH", "/api/v1/admin/plans/fleet-monthly", admin, null, "{\"name\": \"Fleet Pro\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        var planSeen = new ArrayList<Long>();
        for (var replica : replicas) {
            var since = System.nanoTime();
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> direct(replica, "/api/v1/plans", null).body().contains("\"Fleet Pro\""));
            planSeen.add((System.nanoTime() - since) / 1_000_000);
        }
        var disabled = customers.getFirst();
        for (var replica : replicas) {
            assertThat(direct(replica, "/api/v1/users/me", disabled.token()).statusCode())
                    .isEqualTo(200);
        }
        var patched = send("PATCH", "/api/v1/admin/users/" + disabled.id(), admin, null, "{\"status\": \"DISABLED\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        var refusedAfter = new ArrayList<Long>();
        for (var replica : replicas) {
            var since = System.nanoTime();
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> direct(replica, "/api/v1/users/me", disabled.token())
                                    .statusCode()
                            == 403);
            refusedAfter.add((System.nanoTime() - since) / 1_000_000);
        }

        // What the dead replica left undone, the others finish: every publication completes.
        var jdbc = jdbc();
        await().atMost(PATIENCE).until(() -> incompletePublications(jdbc) == 0 && unsentEmails(jdbc) == 0);
        var settled = Duration.ofNanos(System.nanoTime() - started);

        // Every invoice paid exactly once, one invoice per subscription period.
        assertThat(jdbc.sql("""
                        select count(c.*) filter (where c.succeeded) from invoices i
                        join payment_methods m on m.user_id = i.user_id
                        left join simulated_gateway_charges c on c.card_reference = m.gateway_reference
                        group by i.id""").query(Long.class).list()).hasSize(USERS).containsOnly(1L);
        assertThat(jdbc.sql("select count(*) from invoices group by subscription_id, period_start")
                        .query(Long.class)
                        .list())
                .hasSize(USERS)
                .containsOnly(1L);
        assertThat(jdbc.sql("select count(*) from invoices where status = 'PAID'")
                        .query(Long.class)
                        .single())
                .isEqualTo(USERS);
        // Every event's email sent once, and every event on the broker at least once.
        var emailsPerEvent = jdbc.sql("select event_id, count(*) from email_deliveries group by event_id")
                .query((row, n) -> row.getLong(2))
                .list();
        assertThat(emailsPerEvent).containsOnly(1L);
        // Nothing skipped either, also for customers whose registration event the killed replica stranded.
        assertThat(jdbc.sql("""
                        select string_agg(type, ',' order by type) from email_deliveries
                        where recipient like 'fleet-%' group by recipient""").query(String.class).list())
                .hasSize(USERS)
                .containsOnly("email_verification,invoice_issued,payment_failed,payment_receipt,welcome");
        var brokerMessages = broker.drainMessageIds();
        var brokerIds = new HashSet<>(brokerMessages);
        var inboxEvents = new HashSet<>(jdbc.sql("select distinct event_id::text from inbox_messages")
                .query(String.class)
                .list());
        assertThat(inboxEvents).hasSizeGreaterThanOrEqualTo(3 * USERS);
        assertThat(brokerIds).containsAll(inboxEvents);

        System.out.printf(
                "Fleet: 3 replicas behind HAProxy, %d customers (registered, verified, subscribed, paid through the"
                        + " balancer), one replica killed after %d ms; plan change seen by the live replicas after %s"
                        + " ms, disabled account refused after %s ms; %d emails sent once each, %d broker messages"
                        + " for %d events (%d events with in-app messages); everything settled after %d ms%n",
                USERS,
                killedAt.toMillis(),
                planSeen,
                refusedAfter,
                emailsPerEvent.size(),
                brokerMessages.size(),
                brokerIds.size(),
                inboxEvents.size(),
                settled.toMillis());
    }

    record Customer(UUID id, String email, String token) {}

    /** Customers {@code from} to {@code to} (exclusive), signed up concurrently through the balancer. */
    private List<Customer> signUp(java.util.concurrent.ExecutorService clients, int from, int to) throws Exception {
        var tasks = IntStream.range(from, to)
                .mapToObj(n -> (Callable<Customer>) () -> signUp(n))
                .toList();
        var customers = new ArrayList<Customer>();
        for (var future : clients.invokeAll(tasks)) {
            customers.add(future.get());
        }
        return customers;
    }

    /**
     * Registers, verifies the email from the mail that arrived, signs in, adds a card that declines and
     * subscribes (the first invoice stays open), then adds a good card and pays that invoice from four
     * clients at once, each with a key of its own: exactly one charge may result.
     */
    private Customer signUp(int n) throws Exception {
        var email = "fleet-" + n + "@example.com";
        var registered = send("POST", "/api/v1/users", null, null, """
                {"email": "%s", "password": "%s", "displayName": "Fleet %d"}""".formatted(email, PASSWORD, n));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var id = UUID.fromString(JSON.readTree(registered.body()).path("id").asString());
        var token = signIn(email, PASSWORD);
        var asked = send("POST", "/api/v1/users/me/email-verification", token, null, "");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        var verification = await().atMost(PATIENCE).until(() -> verificationToken(email), found -> found != null);
        var verified = send("POST", "/api/v1/auth/email-verification", null, null, """
                {"token": "%s"}""".formatted(verification));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);

        assertThat(send("POST", "/api/v1/payment-methods", token, null, "{\"token\": \"tok_chargeDeclined\"}")
                        .statusCode())
                .isEqualTo(201);
        var subscribed =
                send("POST", "/api/v1/subscriptions", token, UUID.randomUUID().toString(), """
                {"planCode": "fleet-monthly"}""");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        assertThat(JSON.readTree(subscribed.body()).path("status").asString()).isEqualTo("INCOMPLETE");
        var invoice = JSON.readTree(subscribed.body()).path("latestInvoiceId").asString();
        var visa = send("POST", "/api/v1/payment-methods", token, null, "{\"token\": \"tok_visa\"}");
        assertThat(visa.statusCode()).isEqualTo(201);
        var card = JSON.readTree(visa.body()).path("id").asString();
        var statuses = new ArrayList<Integer>();
        try (var payers = Executors.newVirtualThreadPerTaskExecutor()) {
            var attempts = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                attempts.add(payers.submit(() -> send(
                                "POST",
                                "/api/v1/invoices/" + invoice + "/pay",
                                token,
                                UUID.randomUUID().toString(),
                                "{\"paymentMethodId\": \"%s\"}".formatted(card))
                        .statusCode()));
            }
            for (var attempt : attempts) {
                statuses.add(attempt.get());
            }
        }
        assertThat(statuses).contains(200).containsOnly(200, 409);
        return new Customer(id, email, token);
    }

    private String verificationToken(String email) {
        for (var message : smtp.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(email)) {
                    var matcher = VERIFICATION.matcher(GreenMailUtil.getBody(message));
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    /**
     * A request through the balancer. A replica killed mid-request fails it (HAProxy does not resend a
     * request the server may have begun); the client then tries again with the same idempotency key, as the
     * API guide tells clients to, and gets the first answer or does it once.
     */
    private HttpResponse<String> send(String method, String path, String token, String key, String body)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            var request = HttpRequest.newBuilder(URI.create(through(path)))
                    .timeout(PATIENCE)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            try {
                var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if ((response.statusCode() == 502 || response.statusCode() == 503) && attempt < 5) {
                    Thread.sleep(500);
                    continue;
                }
                return response;
            } catch (IOException lost) {
                if (attempt >= 5) {
                    throw lost;
                }
                Thread.sleep(500);
            }
        }
    }

    private HttpResponse<String> direct(Replica replica, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + path))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signIn(String email, String password) throws Exception {
        var response = send("POST", "/api/v1/auth/token", null, null, """
                {"email": "%s", "password": "%s"}""".formatted(email, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    private String through(String path) {
        return "http://127.0.0.1:" + balancer + path;
    }

    private long registered() {
        return jdbc().sql("select count(*) from users where email like 'fleet-%'")
                .query(Long.class)
                .single();
    }

    private Replica startReplica(String name) throws Exception {
        var port = freePort();
        var managementPort = freePort();
        var environment = new HashMap<>(environment());
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        var builder = new ProcessBuilder(KeelProcesses.command(List.of()))
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        return new Replica(name, port, managementPort, builder.start());
    }

    private void awaitReady(Replica replica) {
        var readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + replica.managementPort() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(replica.process().isAlive())
                    .as("Keel exited; see target/fleet-tests/" + replica.name() + ".log")
                    .isTrue();
            try {
                return http.send(readiness, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** The production settings, from the environment as the chart sets them. */
    private Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("SPRING_PROFILES_ACTIVE", "prod"),
                Map.entry("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres")),
                Map.entry("SPRING_DATASOURCE_USERNAME", "postgres"),
                Map.entry("SPRING_DATASOURCE_PASSWORD", "postgres"),
                Map.entry("SPRING_LIQUIBASE_ENABLED", "false"),
                Map.entry("KEEL_SECURITY_JWT_SECRET", "fleet-test-signing-secret-of-at-least-32-characters"),
                Map.entry("KEEL_NOTIFICATIONS_WEBHOOKS_SECRET_KEY", "fleet-test-webhook-key-of-at-least-32-characters"),
                Map.entry("KEEL_NOTIFICATIONS_PUBLIC_BASE_URL", "https://app.fleet.test"),
                Map.entry("KEEL_BOOTSTRAP_ADMIN_EMAIL", ADMIN),
                Map.entry("KEEL_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                Map.entry("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("SPRING_RABBITMQ_HOST", "127.0.0.1"),
                Map.entry("KEEL_BROKER_EXCHANGE", broker.exchange()),
                // Every client is 127.0.0.1 here (HAProxy is not a trusted proxy), so per-address limits are raised.
                Map.entry("KEEL_USERS_ACCOUNT_LIMITS_REGISTRATIONS_PER_IP", "1000"),
                Map.entry("KEEL_USERS_LOGIN_LIMITS_PER_IP", "1000"),
                // What a replica killed mid-work left incomplete, another resubmits soon, not after minutes.
                Map.entry("KEEL_EVENTS_RESUBMIT_INTERVAL", "PT2S"),
                Map.entry("KEEL_EVENTS_RESUBMIT_AFTER", "PT10S"),
                Map.entry("KEEL_NOTIFICATIONS_DELIVERY_POLL_INTERVAL", "PT0.2S"));
    }

    private int run(String name, List<String> arguments) throws Exception {
        var builder = new ProcessBuilder(KeelProcesses.command(arguments))
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(environment());
        var process = builder.start();
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(
                new DriverManagerDataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
    }

    private static long unsentEmails(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from email_deliveries where status <> 'SENT'")
                .query(Long.class)
                .single();
    }
}
