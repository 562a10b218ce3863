package dev.keel.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.keel.BillingTestApplication;
import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import dev.keel.billing.cycle.CycleSteps;
import dev.keel.billing.invoice.InvoiceRepository;
import dev.keel.billing.invoice.InvoiceStatus;
import dev.keel.billing.payment.PaymentMethods;
import dev.keel.billing.subscription.Subscriptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the application on one database, as two replicas run in production: a payment
 * fired at both from many threads charges once, the billing cycle run by both at once issues one
 * invoice per period, and a catalogue change made on one shows on the other within a second although
 * each keeps the catalogue in a cache for an hour.
 */
class ReplicaTests {

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoReplicas() {
        first = replica();
        second = replica();
    }

    @AfterAll
    static void stopReplicas() {
        second.close();
        first.close();
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(BillingTestApplication.class)
                .properties(
                        "server.port=0",
                        "keel.billing.cycle-interval=PT1H",
                        "spring.cache.caffeine.spec=maximumSize=100,expireAfterWrite=1h")
                .run();
    }

    @Test
    void chargesAnInvoiceOnceWhenManyRequestsOnBothReplicasPayIt() throws Exception {
        // Both replicas run the users module too, so the caller is a real account with a real token.
        var email = "payer-" + UUID.randomUUID() + "@example.com";
        var registered = post(first, "/api/v1/users", null, null, """
                {"email":"%s","password":"correct-horse-battery","displayName":"Payer"}""".formatted(email));
        var user = UUID.fromString(JsonPath.read(registered.body(), "$.id"));
        var signedIn = post(second, "/api/v1/auth/token", null, null, """
                {"email":"%s","password":"correct-horse-battery"}""".formatted(email));
        var token = "Bearer " + JsonPath.read(signedIn.body(), "$.accessToken");
        var plan = BillingApi.publish(first.getBean(PlanCatalog.class), 1999, BillingInterval.MONTH, 0);
        var cards = first.getBean(PaymentMethods.class);
        cards.add(user, "tok_chargeDeclined");
        var subscription = first.getBean(Subscriptions.class).start(user, plan, null);
        var invoice = subscription.latestInvoiceId();
        var visa = cards.add(user, "tok_visa").id();
        var body = "{\"paymentMethodId\":\"" + visa + "\"}";
        var sharedKey = UUID.randomUUID().toString();

        var statuses = concurrently(32, attempt -> {
            var replica = attempt % 2 == 0 ? first : second;
            var key = attempt % 4 == 0 ? sharedKey : UUID.randomUUID().toString();
            return post(replica, "/api/v1/invoices/" + invoice + "/pay", token, key, body)
                    .statusCode();
        });

        assertThat(statuses).containsOnly(200, 409).contains(200);
        assertThat(successfulCharges(user)).isEqualTo(1);
        var paid = first.getBean(InvoiceRepository.class).findById(invoice).orElseThrow();
        assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(paid.amountPaid()).isEqualTo(paid.total());
    }

    @Test
    void aPlanPublishedOnOneReplicaIsListedByTheOtherWithinASecond() throws Exception {
        var before = get(second, "/api/v1/plans"); // cached on the second
        assertThat(before.statusCode()).isEqualTo(200);

        var plan = BillingApi.publish(first.getBean(PlanCatalog.class), 2500, BillingInterval.MONTH, 0);

        assertThat(before.body()).doesNotContain(plan);
        await().atMost(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> assertThat(get(second, "/api/v1/plans").body()).contains("\"" + plan + "\""));
    }

    @Test
    void issuesOneInvoicePerPeriodWhenBothReplicasRunTheCycleAtOnce() throws Exception {
        var plan = BillingApi.publish(first.getBean(PlanCatalog.class), 1500, BillingInterval.MONTH, 0);
        var ids = new ArrayList<UUID>();
        for (var i = 0; i < 20; i++) {
            ids.add(dueSubscription(plan));
        }

        concurrently(
                8,
                attempt -> (attempt % 2 == 0 ? first : second)
                        .getBean(BillingCycle.class)
                        .runDue()
                        .renewed());

        var jdbc = first.getBean(JdbcClient.class);
        for (var id : ids) {
            assertThat(jdbc.sql(
                                    "select count(*) from invoices where subscription_id = ? and billing_reason = 'SUBSCRIPTION_CYCLE'")
                            .param(id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
        // One charge for each first invoice and one for each renewal, on the subscribers' cards.
        assertThat(jdbc.sql("""
                        select count(*) from simulated_gateway_charges c
                        join payment_methods m on m.gateway_reference = c.card_reference
                        join subscriptions s on s.user_id = m.user_id
                        where s.id = any(?)
                        """)
                        .param(ids.toArray(UUID[]::new))
                        .query(Integer.class)
                        .single())
                .isEqualTo(40);
    }

    @Test
    void renewsOnceWhenTheSameStepRunsOnBothReplicasWithoutTheLock() throws Exception {
        var plan = BillingApi.publish(first.getBean(PlanCatalog.class), 1500, BillingInterval.MONTH, 0);
        var id = dueSubscription(plan);

        var renewed = concurrently(
                6,
                attempt -> (attempt % 2 == 0 ? first : second)
                        .getBean(CycleSteps.class)
                        .advance(id)
                        .renewed());

        assertThat(renewed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }

    @Test
    void refusesASecondInvoiceForTheSamePeriodInTheDatabase() {
        var plan = BillingApi.publish(first.getBean(PlanCatalog.class), 1500, BillingInterval.MONTH, 0);
        var id = dueSubscription(plan);
        first.getBean(CycleSteps.class).advance(id);
        var jdbc = first.getBean(JdbcClient.class);

        assertThatThrownBy(() -> jdbc.sql("""
                        insert into invoices (id, number, user_id, subscription_id, billing_reason, status, currency,
                            subtotal, total, amount_paid, period_start, period_end, issued_at, due_at, attempt_count,
                            created_at, version)
                        select gen_random_uuid(), 'KEEL-TEST-' || substr(md5(random()::text), 1, 8), user_id,
                            subscription_id, billing_reason, 'OPEN', currency, subtotal, total, 0, period_start,
                            period_end, issued_at, due_at, 0, created_at, 0
                        from invoices where subscription_id = ? and billing_reason = 'SUBSCRIPTION_CYCLE'
                        """).param(id).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    /** A paid monthly subscription whose period ended a minute ago (on the shared application clock). */
    private static UUID dueSubscription(String plan) {
        var user = UUID.randomUUID();
        first.getBean(PaymentMethods.class).add(user, "tok_visa");
        var subscription = first.getBean(Subscriptions.class).start(user, plan, null);
        var now = first.getBean(Clock.class).instant();
        first.getBean(JdbcClient.class)
                .sql("""
                        update subscriptions
                        set current_period_start = :start, current_period_end = :end, next_action_at = :end,
                            billing_anchor = :start
                        where id = :id
                        """)
                .param(
                        "start",
                        java.sql.Timestamp.from(now.minusSeconds(60)
                                .atZone(java.time.ZoneOffset.UTC)
                                .minusMonths(1)
                                .toInstant()))
                .param("end", java.sql.Timestamp.from(now.minusSeconds(60)))
                .param("id", subscription.id())
                .update();
        return subscription.id();
    }

    /** Successful charges of all the user's cards, as the simulated gateway's ledger has them. */
    private static int successfulCharges(UUID user) {
        return first.getBean(JdbcClient.class)
                .sql("""
                        select count(*) from simulated_gateway_charges c
                        join payment_methods m on m.gateway_reference = c.card_reference
                        where m.user_id = ? and c.succeeded
                        """)
                .param(user)
                .query(Integer.class)
                .single();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext replica, String path) throws Exception {
        var port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(
            ConfigurableApplicationContext replica, String path, String token, String key, String body)
            throws Exception {
        var port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run(int attempt) throws Exception;
    }

    /** Runs {@code count} attempts at the same moment and collects their results. */
    private static <T> List<T> concurrently(int count, Attempt<T> attempt) throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(count)) {
            var futures = new ArrayList<java.util.concurrent.Future<T>>();
            for (var i = 0; i < count; i++) {
                var index = i;
                futures.add(executor.submit((Callable<T>) () -> {
                    start.await();
                    return attempt.run(index);
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
