package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.test.OpenApiValidation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code prod} application while its PostgreSQL goes away and comes back: a server of the test's own
 * (never the one the other tests share), really stopped and started again on its data directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

    /** Hikari's connection timeout (3 s) and what a request does besides waiting for it. */
    static final Duration FAIL_FAST = Duration.ofSeconds(5);

    static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Path data;
    int databasePort;
    EmbeddedPostgres postgres;
    ConfigurableApplicationContext keel;
    int port;
    int managementPort;

    @BeforeEach
    void start() throws IOException {
        data = Files.createTempDirectory("keel-outage-postgres");
        try (var socket = new ServerSocket(0)) {
            databasePort = socket.getLocalPort();
        }
        postgres = startDatabase();
        // As arguments, which the prod profile's own ${SPRING_MAIL_HOST}-style placeholders do not override.
        var settings = Map.ofEntries(
                Map.entry("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres")),
                Map.entry("spring.datasource.username", "postgres"),
                Map.entry("spring.datasource.password", "postgres"),
                Map.entry("server.port", "0"),
                Map.entry("management.server.port", "0"),
                Map.entry("spring.mail.host", "localhost"),
                Map.entry("keel.security.jwt-secret", "an-operator-chosen-secret-of-32-characters-or-more"),
                Map.entry("keel.notifications.public-base-url", "https://keel.example.com"),
                Map.entry("keel.notifications.webhooks.secret-key", "a-production-key-of-at-least-32-characters"),
                // Incomplete event publications are looked for every second, not every minute.
                Map.entry("keel.events.resubmit-interval", "PT1S"),
                Map.entry("keel.events.resubmit-after", "PT2S"));
        keel = new SpringApplicationBuilder(KeelApplication.class)
                .profiles("prod")
                .run(settings.entrySet().stream()
                        .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                        .toArray(String[]::new));
        port = Integer.parseInt(keel.getEnvironment().getRequiredProperty("local.server.port"));
        managementPort = Integer.parseInt(keel.getEnvironment().getRequiredProperty("local.management.port"));
    }

    @AfterEach
    void stop() throws IOException {
        if (keel != null) {
            keel.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        FileSystemUtils.deleteRecursively(data);
    }

    @Test
    void answersFastWith503WhileTheDatabaseIsDownAndRecoversWithoutARestart(CapturedOutput output) throws Exception {
        register("before@example.com");
        var token = signIn("before@example.com");
        var registeredLast = register("last-before@example.com");

        var logBefore = output.getAll().length();
        postgres.close();
        var down = System.nanoTime();

        await().atMost(FAIL_FAST)
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        send(get(managementPort, "/actuator/health/readiness")).statusCode() == 503);
        var readinessDown = Duration.ofNanos(System.nanoTime() - down);

        List<HttpRequest> duringOutage = List.of(
                post("/api/v1/users", registration("during@example.com")),
                post("/api/v1/auth/token", credentials("before@example.com")),
                authorized(get(port, "/api/v1/users/me"), token),
                // The idempotency filter needs the database before the controller runs.
                withKey(token));
        var slowest = Duration.ZERO;
        var unavailable = new ArrayList<Integer>();
        for (var request : duringOutage) {
            var started = System.nanoTime();
            var response = send(request);
            var took = Duration.ofNanos(System.nanoTime() - started);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            assertThat(response.statusCode())
                    .as("%s %s", request.method(), request.uri())
                    .isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("service_unavailable");
            assertThat(response.body()).doesNotContainIgnoringCase("sql").doesNotContain("Exception");
            unavailable.add(response.statusCode());
        }
        assertThat(slowest).isLessThan(FAIL_FAST);

        postgres = startDatabase();
        var up = System.nanoTime();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        send(get(managementPort, "/actuator/health/readiness")).statusCode() == 200);
        register("after@example.com");
        var recovery = Duration.ofNanos(System.nanoTime() - up);
        // An outage is expected, not a defect: one WARN line per failed request or background pass, no
        // ERROR with a stack from every worker or filter that met it. (Spring logs one ERROR of its own when a
        // rollback fails on a connection the database dropped: its transaction interceptor, and the
        // TransactionTemplate in which ShedLock takes the cluster locks of the scheduled jobs.)
        assertThat(output.getAll().substring(logBefore).lines())
                .filteredOn(line -> line.contains("\"level\":\"ERROR\""))
                .allMatch(line -> line.contains("\"logger\":\"org.springframework.transaction.interceptor.")
                        || (line.contains("\"logger\":\"org.springframework.transaction.support.TransactionTemplate\"")
                                && line.contains("Application exception overridden by rollback exception")));
        assertThat(recovery).isLessThan(Duration.ofSeconds(10));

        // Nothing of the refused registration was written; the event committed just before the outage
        // reached its listener (the account's welcome mail is owed).
        assertThat(send(post("/api/v1/users", registration("during@example.com")))
                        .statusCode())
                .isEqualTo(201);
        var jdbc = keel.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from email_deliveries where user_id = ?")
                                .param(registeredLast)
                                .query(Long.class)
                                .single()
                        > 0);
        System.out.printf(
                "Database outage: readiness DOWN after %d ms; %d requests answered 503 in at most %d ms;"
                        + " serving again %d ms after the database came back%n",
                readinessDown.toMillis(), unavailable.size(), slowest.toMillis(), recovery.toMillis());
    }

    @Test
    void answersWithin10SecondsWhileTheDatabaseHangsAndRecoversWhenItGoesOn() throws Exception {
        register("hung@example.com");
        var token = signIn("hung@example.com");
        var server = postgresProcesses();

        // The connection the last request used goes back to the pool and is lent again without a check: its
        // next statement meets the hung server. The others find it on their check or cannot connect at all.
        signal("STOP", server);
        var hung = System.nanoTime();
        var slowest = Duration.ZERO;
        try {
            for (var request : List.of(
                    post("/api/v1/users", registration("while-hung@example.com")),
                    withKey(token),
                    post("/api/v1/users", registration("while-hung-2@example.com")))) {
                var started = System.nanoTime();
                var response = send(request);
                var took = Duration.ofNanos(System.nanoTime() - started);
                slowest = took.compareTo(slowest) > 0 ? took : slowest;
                assertThat(response.statusCode())
                        .as("%s %s: %s", request.method(), request.uri(), response.body())
                        .isEqualTo(503);
                assertThat(JSON.readTree(response.body()).path("code").asString())
                        .isEqualTo("service_unavailable");
            }
        } finally {
            signal("CONT", server);
        }
        var resumed = System.nanoTime();
        // The socket timeout (10 s) and what the request does besides.
        assertThat(slowest).isLessThan(Duration.ofSeconds(12));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> send(post("/api/v1/users", registration("after-hung@example.com")))
                                .statusCode()
                        == 201);
        var recovery = Duration.ofNanos(System.nanoTime() - resumed);
        // Nothing of the refused registrations was written.
        var jdbc = keel.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from users where email like 'while-hung%'")
                        .query(Long.class)
                        .single())
                .isZero();
        System.out.printf(
                "Database hung %d ms: requests answered 503 in at most %d ms; serving again %d ms after it went on%n",
                Duration.ofNanos(resumed - hung).toMillis(), slowest.toMillis(), recovery.toMillis());
    }

    /** The server and every backend it started, from the pid file PostgreSQL writes into its data directory. */
    private List<Long> postgresProcesses() throws IOException {
        var pid = Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
        var processes = new ArrayList<Long>();
        processes.add(pid);
        ProcessHandle.of(pid).orElseThrow().descendants().forEach(child -> processes.add(child.pid()));
        return processes;
    }

    private static void signal(String signal, List<Long> processes) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of("kill", "-" + signal));
        processes.forEach(pid -> command.add(Long.toString(pid)));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }

    /** Initialised in the empty folder, started again on what it holds; deleted only after the test. */
    private EmbeddedPostgres startDatabase() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(databasePort)
                .setRegisterShutdownHook(false)
                .start();
    }

    private UUID register(String email) throws Exception {
        var response = send(post("/api/v1/users", registration(email)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.body()).path("id").asString());
    }

    private String signIn(String email) throws Exception {
        var response = send(post("/api/v1/auth/token", credentials(email)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    private static String registration(String email) {
        return """
                {"email": "%s", "password": "a-long-enough-passphrase", "displayName": "Outage"}
                """.formatted(email);
    }

    private static String credentials(String email) {
        return """
                {"email": "%s", "password": "a-long-enough-passphrase"}
                """.formatted(email);
    }

    private HttpRequest withKey(String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users/me/email-verification"))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(15))
                .build();
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(15))
                .build();
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET()
                .timeout(Duration.ofSeconds(15))
                .build();
    }

    private static HttpRequest authorized(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return OpenApiValidation.validate(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }
}
