package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.NotificationsTestApplication;
import dev.keel.users.EmailVerificationRequested;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keel's events on the machine's RabbitMQ (127.0.0.1:5672), through a cable the test can unplug. A test
 * consumer with a queue of its own on the exchange proves: a committed event arrives, with its schema and
 * CloudEvents headers; a rolled-back one never does, nor does an event that webhooks do not carry; an
 * event committed while the broker is away arrives once it is back; one committed just before the
 * process stopped arrives after the restart; and the trace of the request or job behind an event reaches
 * its message and its webhook deliveries, also when the message is sent again from the stored publication.
 */
class BrokerTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String EXCHANGE = "keel.test." + UUID.randomUUID();

    static Cable cable;
    static CachingConnectionFactory consumerConnection;
    static RabbitAdmin admin;
    static RabbitTemplate consumer;
    static String queue;
    static ConfigurableApplicationContext keel;

    @BeforeAll
    static void start() {
        cable = new Cable("127.0.0.1", 5672);
        keel = startKeel();
        consumerConnection = new CachingConnectionFactory("127.0.0.1", 5672);
        admin = new RabbitAdmin(consumerConnection);
        var exchange = new TopicExchange(EXCHANGE, true, false);
        admin.declareExchange(exchange); // as Keel declares it, in case the consumer is first
        // Neither exclusive nor auto-deleted: every receive with a timeout subscribes and unsubscribes.
        var testQueue = new Queue("keel.test.consumer." + UUID.randomUUID(), false, false, false);
        queue = admin.declareQueue(testQueue);
        admin.declareBinding(BindingBuilder.bind(testQueue).to(exchange).with("#"));
        consumer = new RabbitTemplate(consumerConnection);
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
        admin.deleteQueue(queue);
        admin.deleteExchange(EXCHANGE);
        consumerConnection.destroy();
        cable.close();
    }

    @Test
    void aCommittedEventArrivesWithItsSchemaAndCloudEventsHeaders() {
        var paid = BillingEvents.invoicePaid(UUID.randomUUID());

        commit(keel, paid);

        var message = await().atMost(PATIENCE)
                .until(() -> take(paid.eventId()), found -> !found.isEmpty())
                .getFirst();
        assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo("invoice.paid");
        assertThat(message.getMessageProperties().getMessageId())
                .isEqualTo(paid.eventId().toString());
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry("cloudEvents:specversion", "1.0")
                .containsEntry("cloudEvents:id", paid.eventId().toString())
                .containsEntry("cloudEvents:type", "invoice.paid")
                .containsEntry("cloudEvents:source", "/keel")
                .containsEntry("cloudEvents:time", "2026-11-22T10:15:30Z");
        var body = json(message);
        assertThat(body.get("id").asString()).isEqualTo(paid.eventId().toString());
        assertThat(body.get("type").asString()).isEqualTo("invoice.paid");
        assertThat(body.get("occurredAt").asString()).isEqualTo("2026-11-22T10:15:30Z");
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("data").get("invoiceId").asString())
                .isEqualTo(paid.invoiceId().toString());
        assertThat(body.get("data").get("amountPaid").get("amount").asLong()).isEqualTo(1999);
        await().atMost(PATIENCE).until(() -> incompletePublications(keel, paid.eventId()) == 0);
    }

    @Test
    void nothingIsSentForARolledBackTransactionNorForEventsWebhooksDoNotCarry() {
        var rolledBack = BillingEvents.invoicePaid(UUID.randomUUID());
        var verification = new EmailVerificationRequested(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "secret@example.com",
                "Secret",
                "a-one-time-secret",
                Instant.now().plusSeconds(3600),
                Instant.now());
        var marker = BillingEvents.invoiceIssued(UUID.randomUUID());

        keel.getBean(TransactionTemplate.class).executeWithoutResult(transaction -> {
            keel.publishEvent(rolledBack);
            transaction.setRollbackOnly();
        });
        commit(keel, verification);
        commit(keel, marker);

        // Published after the others: once the marker is there, they would have been too.
        var seen = new ArrayList<Message>();
        await().atMost(PATIENCE).until(() -> {
            seen.addAll(drain());
            return seen.stream().anyMatch(message -> isEvent(message, marker.eventId()));
        });
        assertThat(seen)
                .noneMatch(message -> isEvent(message, rolledBack.eventId())
                        || isEvent(message, verification.eventId())
                        || new String(message.getBody(), StandardCharsets.UTF_8).contains("a-one-time-secret"));
    }

    @Test
    void anEventCommittedWhileTheBrokerIsAwayArrivesOnceItIsBack() throws Exception {
        var issued = BillingEvents.invoiceIssued(UUID.randomUUID());
        cable.unplug();
        try {
            commit(keel, issued);

            // The send failed and the publication waits; resubmission keeps failing while the broker is away.
            await().atMost(PATIENCE).until(() -> failedAttempts(keel, issued.eventId()) > 0);
            Thread.sleep(3_000);
            assertThat(take(issued.eventId())).isEmpty();
            assertThat(incompletePublications(keel, issued.eventId())).isEqualTo(1);
        } finally {
            cable.plugIn();
        }

        await().atMost(PATIENCE).until(() -> !take(issued.eventId()).isEmpty());
        await().atMost(PATIENCE).until(() -> incompletePublications(keel, issued.eventId()) == 0);
    }

    @Test
    void anEventCommittedJustBeforeTheProcessStoppedArrivesAfterTheRestart() {
        var renewed = BillingEvents.invoiceIssued(UUID.randomUUID());
        keel.close();
        keel = null;

        // The broker is away while the event commits, and the process stops before it could send it.
        cable.unplug();
        try (var first = startKeel()) {
            commit(first, renewed);
            await().atMost(PATIENCE).until(() -> failedAttempts(first, renewed.eventId()) > 0);
        } finally {
            cable.plugIn();
        }
        assertThat(take(renewed.eventId())).isEmpty();

        keel = startKeel(); // republishes what is outstanding when it starts
        await().atMost(PATIENCE).until(() -> !take(renewed.eventId()).isEmpty());
        await().atMost(PATIENCE).until(() -> incompletePublications(keel, renewed.eventId()) == 0);
    }

    @Test
    void theTraceBehindAnEventReachesItsMessageAndItsWebhookAlsoWhenSentAgain() throws Exception {
        // A request that comes with a trace: the trace id is its request id, and its event's message carries it.
        var trace = newTraceId();
        var registered = http("POST", "/api/v1/users", registration(), null, trace);
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue("X-Request-Id")).hasValue(trace);
        var userId = UUID.fromString(JSON.readTree(registered.body()).get("id").asString());
        assertThat(traceparentOf(awaitMessageAbout(userId, "user.registered"))).startsWith("00-" + trace + "-");

        // So is a problem's traceId.
        var problemTrace = newTraceId();
        var refused = http("POST", "/api/v1/users", "{", null, problemTrace);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("traceId").asString()).isEqualTo(problemTrace);

        // An event published in a job's span: the listener that owes its webhook works in that trace, and so
        // do the delivery and the message.
        try (var receiver = new WebhookReceiver()) {
            var token = JSON.readTree(http("POST", "/api/v1/auth/token", """
                                    {"email": "%s", "password": "%s"}
                                    """.formatted(lastEmail, PASSWORD), null, null)
                            .body())
                    .get("accessToken")
                    .asString();
            var endpoint = http("POST", "/api/v1/webhook-endpoints", """
                    {"url": "%s", "events": ["invoice.paid"]}
                    """.formatted(receiver.url()), token, null);
            assertThat(endpoint.statusCode()).isEqualTo(201);
            var paid = BillingEvents.invoicePaid(userId);
            var tracer = keel.getBean(Tracer.class);
            var job = tracer.nextSpan().name("billing cycle").start();
            try (var scope = tracer.withSpan(job)) {
                commit(keel, paid);
            } finally {
                job.end();
            }
            var jobTrace = "00-" + job.context().traceId() + "-";

            var delivered = await().atMost(PATIENCE)
                    .until(receiver::received, received -> !received.isEmpty())
                    .getFirst();
            assertThat(delivered.traceparent()).startsWith(jobTrace);
            assertThat(traceparentOf(awaitMessageAbout(paid.eventId(), "invoice.paid")))
                    .startsWith(jobTrace);
        }

        // The broker is away: the message is sent again later from the stored publication, in the same trace.
        var retried = newTraceId();
        cable.unplug();
        UUID secondUser;
        try {
            var second = http("POST", "/api/v1/users", registration(), null, retried);
            assertThat(second.statusCode()).isEqualTo(201);
            secondUser = UUID.fromString(JSON.readTree(second.body()).get("id").asString());
            await().atMost(PATIENCE).until(() -> failedAttempts(keel, secondUser) > 0);
        } finally {
            cable.plugIn();
        }
        assertThat(traceparentOf(awaitMessageAbout(secondUser, "user.registered")))
                .startsWith("00-" + retried + "-");
    }

    private static ConfigurableApplicationContext startKeel() {
        var properties = List.of(
                "server.port=0",
                "keel.broker.enabled=true",
                "keel.broker.exchange=" + EXCHANGE,
                "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=" + cable.port(),
                "spring.rabbitmq.connection-timeout=2s",
                "keel.broker.confirm-timeout=PT5S",
                "keel.events.resubmit-interval=PT1S",
                "keel.events.resubmit-after=PT1S",
                "spring.lifecycle.timeout-per-shutdown-phase=PT2S");
        return new SpringApplicationBuilder(NotificationsTestApplication.class)
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
    }

    static final String PASSWORD = "a-long-enough-password";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String lastEmail = "";

    private static String registration() {
        lastEmail = "traced-" + UUID.randomUUID() + "@example.com";
        return """
                {"email": "%s", "password": "%s", "displayName": "Ada Lovelace"}
                """.formatted(lastEmail, PASSWORD);
    }

    /** A trace id as an upstream service would make it. */
    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A real request to Keel's port, as part of the trace {@code traceId} (sampled upstream) where given. */
    private static HttpResponse<String> http(
            String method, String path, String body, @Nullable String token, @Nullable String traceId)
            throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + keel.getEnvironment().getProperty("local.server.port") + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (traceId != null) {
            request.header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first message of the given type whose body names {@code id}. */
    private static Message awaitMessageAbout(UUID id, String type) {
        return await().atMost(PATIENCE)
                .until(
                        () -> drain().stream()
                                .filter(message -> type.equals(
                                                message.getMessageProperties().getType())
                                        && new String(message.getBody(), StandardCharsets.UTF_8)
                                                .contains(id.toString()))
                                .toList(),
                        found -> !found.isEmpty())
                .getFirst();
    }

    private static String traceparentOf(Message message) {
        return String.valueOf(message.getMessageProperties().getHeaders().get("traceparent"));
    }

    private static void commit(ConfigurableApplicationContext context, Object event) {
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> context.publishEvent(event));
    }

    /** Everything waiting in the test's queue now. */
    private static List<Message> drain() {
        var messages = new ArrayList<Message>();
        for (var message = consumer.receive(queue, 200); message != null; message = consumer.receive(queue, 200)) {
            messages.add(message);
        }
        return messages;
    }

    /** The messages of one event among those waiting (the others are dropped: each test has its own events). */
    private static List<Message> take(UUID eventId) {
        return drain().stream().filter(message -> isEvent(message, eventId)).toList();
    }

    private static boolean isEvent(Message message, UUID eventId) {
        return eventId.toString().equals(message.getMessageProperties().getMessageId());
    }

    private static JsonNode json(Message message) {
        return JSON.readTree(message.getBody());
    }

    private static long incompletePublications(ConfigurableApplicationContext context, UUID eventId) {
        return context.getBean(JdbcClient.class)
                .sql("""
                        select count(*) from event_publication
                        where completion_date is null and serialized_event like ?
                          and listener_id like '%EventExternalizer%'""")
                .param("%" + eventId + "%")
                .query(Long.class)
                .single();
    }

    private static long failedAttempts(ConfigurableApplicationContext context, UUID eventId) {
        return context.getBean(JdbcClient.class)
                .sql("""
                        select count(*) from event_publication
                        where completion_date is null and serialized_event like ?
                          and listener_id like '%EventExternalizer%' and status = 'FAILED'""")
                .param("%" + eventId + "%")
                .query(Long.class)
                .single();
    }
}
