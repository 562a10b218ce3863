package dev.keel.notifications;

import static dev.keel.notifications.NotificationsApi.field;
import static dev.keel.notifications.NotificationsApi.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.notifications.delivery.DeliveryWorker;
import dev.keel.notifications.delivery.Housekeeping;
import dev.keel.notifications.email.DevMailbox;
import dev.keel.notifications.webhook.WebhookDeliveries;
import dev.keel.notifications.webhook.WebhookEventType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** Webhook endpoints: registration, the delivery log, retries with backoff, manual retry and disabling. */
class WebhookDeliveryTests extends ApplicationTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    DevMailbox mailbox;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    WebhookDeliveries deliveries;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DataSource dataSource;

    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** A backlog at one receiver cannot fill every batch: others' deliveries are claimed beside it. */
    @Test
    void claimsAFewDeliveriesPerEndpointAtATime() {
        var busy = api.newSession();
        var quiet = api.newSession();
        var busyEndpoint = UUID.fromString(api.createEndpoint(busy, receiver.url(), "invoice.paid")[0]);
        var quietEndpoint = UUID.fromString(api.createEndpoint(quiet, receiver.url(), "invoice.paid")[0]);
        // Due in the future, so that only this test's claim (not the running worker) sees them.
        var later = Instant.now().plus(Duration.ofDays(400));
        for (int i = 0; i < 20; i++) {
            deliveries.owe(busyEndpoint, UUID.randomUUID(), WebhookEventType.INVOICE_PAID, "{}", null, later);
        }
        deliveries.owe(quietEndpoint, UUID.randomUUID(), WebhookEventType.INVOICE_PAID, "{}", null, later);

        var claimed = deliveries.claimDue(later, later.plus(Duration.ofMinutes(10)), 50);

        assertThat(claimed)
                .filteredOn(delivery -> delivery.endpointId().equals(busyEndpoint))
                .hasSize(WebhookDeliveries.PER_ENDPOINT);
        assertThat(claimed)
                .filteredOn(delivery -> delivery.endpointId().equals(quietEndpoint))
                .hasSize(1);
    }

    /**
     * While an endpoint is being disabled, a claim passes it by and a delivery owed to it waits for the
     * outcome, so that nothing is left retrying (or pending) for an endpoint that no longer sends.
     */
    @Test
    void neitherClaimsNorOwesPendingDeliveriesWhileTheEndpointIsBeingDisabled() throws Exception {
        var owner = api.newSession();
        var endpoint = UUID.fromString(api.createEndpoint(owner, receiver.url(), "invoice.paid")[0]);
        var later = Instant.now().plus(Duration.ofDays(400));
        deliveries.owe(endpoint, UUID.randomUUID(), WebhookEventType.INVOICE_PAID, "{}", null, later);
        var owedMeanwhile = UUID.randomUUID();

        try (var disabling = dataSource.getConnection()) {
            disabling.setAutoCommit(false);
            try (var update =
                    disabling.prepareStatement("update webhook_endpoints set status = 'DISABLED' where id = ?")) {
                update.setObject(1, endpoint);
                update.executeUpdate();
            }
            assertThat(deliveries.claimDue(later, later.plus(Duration.ofMinutes(10)), 50))
                    .noneMatch(delivery -> delivery.endpointId().equals(endpoint));
            var owing = CompletableFuture.runAsync(
                    () -> deliveries.owe(endpoint, owedMeanwhile, WebhookEventType.INVOICE_PAID, "{}", null, later));
            disabling.commit();
            owing.get(10, TimeUnit.SECONDS);
        }

        assertThat(jdbc.sql("select status || ': ' || last_error from webhook_deliveries where event_id = ?")
                        .param(owedMeanwhile)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED: Endpoint disabled");
    }

    /** Every delivery of a batch may wait out both timeouts; the claim must outlast that. */
    @Test
    void leasesABatchForLongerThanSendingItCanTake() {
        var longestBatch = Duration.ofSeconds(2 + 5).multipliedBy(50);

        assertThat(worker.webhookLease()).isGreaterThan(longestBatch);
    }

    @Test
    void showsTheSecretOnlyOnCreationAndKeepsEndpointsPrivate() {
        var owner = api.newSession();
        var other = api.newSession();

        var created = api.post("/api/v1/webhook-endpoints", """
                {"url": "%s", "events": ["invoice.paid", "invoice.issued"], "description": "books"}
                """.formatted(receiver.url()), owner);

        assertThat(created)
                .hasStatus(HttpStatus.CREATED)
                .hasHeader("Location", "http://localhost/api/v1/webhook-endpoints/" + field(created, "$.id"));
        assertThat(field(created, "$.secret")).matches("whsec_[A-Za-z0-9+/=]{32}");
        assertThat(field(created, "$.status")).isEqualTo("ENABLED");
        var id = field(created, "$.id");
        var listed = api.get("/api/v1/webhook-endpoints", owner);
        assertThat(listed).bodyJson().extractingPath("$.items[0].id").isEqualTo(id);
        assertThat(NotificationsApi.body(listed)).doesNotContain("whsec_");
        assertThat(jdbc.sql("select secret from webhook_endpoints where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isNotEqualTo(field(created, "$.secret"));

        assertThat(api.get("/api/v1/webhook-endpoints/" + id, other)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/v1/webhook-endpoints/" + id + "/deliveries", other))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(api.delete("/api/v1/webhook-endpoints/" + id, other)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/v1/webhook-endpoints", other))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();

        assertThat(api.delete("/api/v1/webhook-endpoints/" + id, owner)).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(api.get("/api/v1/webhook-endpoints/" + id, owner)).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesUnknownEventTypes() {
        var owner = api.newSession();

        var refused = api.post("/api/v1/webhook-endpoints", """
                {"url": "%s", "events": ["invoice.paid", "invoice.exploded"]}
                """.formatted(receiver.url()), owner);

        assertThat(refused)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("events[1]");
        assertThat(api.post("/api/v1/webhook-endpoints", """
                        {"url": "ftp://example.com/x", "events": ["*"]}
                        """, owner))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_webhook_url");
    }

    @Test
    void retriesWithBackoffUntilTheReceiverAccepts() {
        receiver.answering(call -> call < 3 ? 503 : 200);
        var owner = api.newSession();
        var endpoint = api.createEndpoint(owner, receiver.url(), "invoice.paid");

        api.commit(BillingEvents.invoicePaid(owner.userId()));

        var log = "/api/v1/webhook-endpoints/" + endpoint[0] + "/deliveries";
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get(log, owner))
                        .bodyJson()
                        .extractingPath("$.items[0].status")
                        .isEqualTo("SUCCEEDED"));
        var delivery = api.get(log, owner);
        assertThat(delivery).bodyJson().extractingPath("$.items[0].attempts").isEqualTo(3);
        assertThat(delivery)
                .bodyJson()
                .extractingPath("$.items[0].lastStatusCode")
                .isEqualTo(200);
        assertThat(delivery).bodyJson().extractingPath("$.items[0].eventType").isEqualTo("invoice.paid");
        assertThat(receiver.received())
                .extracting(WebhookReceiver.Received::id)
                .containsOnly(receiver.received().getFirst().id());
        assertThat(jdbc.sql("select failing_since from webhook_endpoints where id = ?::uuid")
                        .param(endpoint[0])
                        .query((row, n) -> row.getObject(1))
                        .optional())
                .isEmpty();
    }

    @Test
    void failsAfterTheLastAttemptAndRetriesOnRequest() {
        receiver.answering(call -> 500);
        var owner = api.newSession();
        var endpoint = api.createEndpoint(owner, receiver.url(), "*");

        api.commit(BillingEvents.invoiceIssued(owner.userId()));

        var log = "/api/v1/webhook-endpoints/" + endpoint[0] + "/deliveries";
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get(log, owner))
                        .bodyJson()
                        .extractingPath("$.items[0].status")
                        .isEqualTo("FAILED"));
        var failed = api.get(log, owner);
        assertThat(failed).bodyJson().extractingPath("$.items[0].attempts").isEqualTo(4);
        assertThat(failed)
                .bodyJson()
                .extractingPath("$.items[0].lastError")
                .isEqualTo("The endpoint answered HTTP 500.");
        assertThat(receiver.calls()).isEqualTo(4);

        receiver.answering(call -> 200);
        var deliveryId = field(failed, "$.items[0].id");
        assertThat(api.post(log + "/" + deliveryId + "/retry", "", owner)).hasStatus(HttpStatus.ACCEPTED);

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get(log, owner))
                        .bodyJson()
                        .extractingPath("$.items[0].status")
                        .isEqualTo("SUCCEEDED"));
        assertThat(receiver.calls()).isEqualTo(5);
        var other = api.newSession();
        assertThat(api.post(log + "/" + deliveryId + "/retry", "", other)).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void limitsManualRetriesPerUser() {
        var owner = api.newSession();
        var endpoint = api.createEndpoint(owner, receiver.url(), "*");
        api.commit(BillingEvents.invoicePaid(owner.userId()));
        var log = "/api/v1/webhook-endpoints/" + endpoint[0] + "/deliveries";
        await().atMost(PATIENCE).until(() -> receiver.calls() == 1);
        var deliveryId = field(api.get(log, owner), "$.items[0].id");
        var retry = log + "/" + deliveryId + "/retry";

        // The tests allow 3 per hour (30 by default).
        for (int remaining = 2; remaining >= 0; remaining--) {
            assertThat(api.post(retry, "", owner))
                    .hasStatus(HttpStatus.ACCEPTED)
                    .hasHeader("RateLimit-Limit", "3")
                    .hasHeader("RateLimit-Remaining", Integer.toString(remaining));
        }
        var refused = api.post(retry, "", owner);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
        assertThat(refused).bodyJson().extractingPath("$.code").isEqualTo("rate_limited");
        assertThat(api.post(retry, "", api.newSession())).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void disablesAnEndpointFailingForThreeDaysAndTellsItsOwner() {
        receiver.answering(call -> 500);
        var owner = api.newSession();
        var endpoint = api.createEndpoint(owner, receiver.url(), "*");
        jdbc.sql("update webhook_endpoints set failing_since = now() - interval '3 days' where id = ?::uuid")
                .param(endpoint[0])
                .update();

        api.commit(BillingEvents.invoiceIssued(owner.userId()), BillingEvents.invoicePaid(owner.userId()));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get("/api/v1/webhook-endpoints/" + endpoint[0], owner))
                        .bodyJson()
                        .extractingPath("$.status")
                        .isEqualTo("DISABLED"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxTypes(owner)).contains("webhook_endpoint_disabled"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(owner.email(), 20))
                        .extracting(DevMailbox.Mail::subject)
                        .containsOnlyOnce("Webhook endpoint disabled"));
        var log = api.get("/api/v1/webhook-endpoints/" + endpoint[0] + "/deliveries", owner);
        var statuses = fields(log, "$.items[*].status");
        assertThat(statuses).hasSize(2).containsOnly("FAILED");
        // The second delivery may have been claimed alongside the first, before the endpoint was disabled.
        assertThat(receiver.calls()).isBetween(1, 2);
    }

    @Test
    void exportsDeliveryMetrics() {
        var owner = api.newSession();
        api.createEndpoint(owner, receiver.url(), "*");

        api.commit(BillingEvents.invoicePaid(owner.userId()));

        await().atMost(PATIENCE).until(() -> receiver.calls() == 1);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(meters.get("keel.notifications.sent")
                                .tags("channel", "webhook", "outcome", "sent")
                                .counter()
                                .count())
                        .isPositive());
        assertThat(meters.get("keel.notifications.sent")
                        .tags("channel", "in_app", "outcome", "sent")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("keel.webhook.delivery").timer().count()).isPositive();
    }

    @Test
    void purgesSettledDeliveriesAfterTheRetention() {
        var owner = api.newSession();
        var endpoint = api.createEndpoint(owner, receiver.url(), "*");
        api.commit(BillingEvents.invoicePaid(owner.userId()));
        await().atMost(PATIENCE).until(() -> receiver.calls() == 1);
        await().atMost(PATIENCE).until(() -> emailsOf(owner) == 2);
        jdbc.sql("update webhook_deliveries set created_at = now() - interval '31 days' where endpoint_id = ?::uuid")
                .param(endpoint[0])
                .update();
        jdbc.sql("update email_deliveries set created_at = now() - interval '31 days' where user_id = ?")
                .param(owner.userId())
                .update();

        housekeeping.purge();

        assertThat(api.get("/api/v1/webhook-endpoints/" + endpoint[0] + "/deliveries", owner))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();
        assertThat(emailsOf(owner)).isZero();
    }

    private long emailsOf(NotificationsApi.Session owner) {
        return jdbc.sql("select count(*) from email_deliveries where user_id = ? and status = 'SENT'")
                .param(owner.userId())
                .query(Long.class)
                .single();
    }

    private List<String> inboxTypes(NotificationsApi.Session session) {
        return fields(api.get("/api/v1/notifications?limit=100", session), "$.items[*].type");
    }
}
