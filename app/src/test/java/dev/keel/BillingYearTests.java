package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.keel.test.OpenApiValidation;
import dev.keel.test.TestDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A year of billing over real HTTP, with time travel as the embedded default has it: a trial that
 * converts, an upgrade and a downgrade, a card that stops working, a cancellation at period end; the
 * money invariants hold on every invoice.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "keel.time-travel.enabled=true",
            "keel.billing.seed-catalog=true",
            "keel.bootstrap-admin.email=billing-admin@example.com",
            "keel.bootstrap-admin.password=billing-admin-password",
            "keel.notifications.email.capture=true",
            "keel.notifications.webhooks.allow-insecure-targets=true"
        })
@Import(TestDatabase.class)
class BillingYearTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void billsAYearOfSubscriptionsWithExactMoney() throws Exception {
        var admin = signIn("billing-admin@example.com", "billing-admin-password");
        var business = "business-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/v1/admin/plans", admin, null, """
                {"code":"%s","name":"Business","description":"More","price":{"amount":4999,"currency":"EUR"},
                 "interval":"MONTH","trialDays":0,"features":["Everything"]}""".formatted(business))
                        .statusCode())
                .isEqualTo(201);

        var trialUser = newUser("tok_visa");
        var trial = subscribe(trialUser, "pro-monthly-trial");
        var failing = newUser("tok_failAfterFirst");
        var dunned = subscribe(failing, "pro-monthly");
        var leaving = newUser("tok_mastercard");
        var canceled = subscribe(leaving, "pro-monthly");
        assertThat(post("/api/v1/subscriptions/" + canceled + "/cancel", leaving, null, "{\"atPeriodEnd\":true}")
                        .statusCode())
                .isEqualTo(200);

        advance(admin, "P15D");
        assertThat(field(get("/api/v1/subscriptions/" + trial, trialUser), "$.status"))
                .isEqualTo("ACTIVE");
        var upgrade = post("/api/v1/subscriptions/" + trial + "/change-plan", trialUser, null, """
                {"planCode":"%s"}""".formatted(business));
        assertThat(upgrade.statusCode()).isEqualTo(200);
        assertThat(field(upgrade, "$.planCode")).isEqualTo(business);
        advance(admin, "P10D");
        var downgrade = post("/api/v1/subscriptions/" + trial + "/change-plan", trialUser, null, """
                {"planCode":"pro-monthly"}""");
        assertThat(field(downgrade, "$.pendingPlanCode")).isEqualTo("pro-monthly");

        for (var month = 0; month < 12; month++) {
            advance(admin, "P30D");
        }

        var trialSubscription = get("/api/v1/subscriptions/" + trial, trialUser);
        assertThat(field(trialSubscription, "$.status")).isEqualTo("ACTIVE");
        assertThat(field(trialSubscription, "$.planCode")).isEqualTo("pro-monthly");
        assertThat(field(get("/api/v1/subscriptions/" + dunned, failing), "$.status"))
                .isEqualTo("CANCELED");
        assertThat(field(get("/api/v1/subscriptions/" + canceled, leaving), "$.status"))
                .isEqualTo("CANCELED");

        var trialInvoices = invoices(trialUser);
        assertThat(trialInvoices).hasSizeGreaterThanOrEqualTo(13);
        assertThat(trialInvoices)
                .filteredOn(invoice -> lines(invoice).stream().anyMatch(line -> (Boolean) line.get("proration")))
                .hasSize(1);
        assertThat(invoices(failing))
                .extracting(invoice -> invoice.get("status"))
                .contains("PAID", "UNCOLLECTIBLE");
        assertThat(invoices(leaving)).hasSize(1);

        var all = new ArrayList<Map<String, Object>>();
        all.addAll(trialInvoices);
        all.addAll(invoices(failing));
        all.addAll(invoices(leaving));
        var numbers = new HashSet<String>();
        for (var invoice : all) {
            var total = amount(invoice, "total");
            assertThat(lines(invoice).stream()
                            .mapToLong(line -> amount(line, "amount"))
                            .sum())
                    .isEqualTo(total);
            assertThat(amount(invoice, "subtotal")).isEqualTo(total);
            assertThat(amount(invoice, "amountDue")).isEqualTo(total - amount(invoice, "amountPaid"));
            if ("PAID".equals(invoice.get("status"))) {
                assertThat(amount(invoice, "amountDue")).isZero();
            }
            assertThat(numbers.add((String) invoice.get("number"))).isTrue();
        }
    }

    /**
     * Receivers check {@code webhook-timestamp} against their own clock (Standard Webhooks allows five
     * minutes), so it is wall time even when the application clock has travelled.
     */
    @Test
    void signsWebhooksWithWallTimeAfterTimeTravel() throws Exception {
        var admin = signIn("billing-admin@example.com", "billing-admin-password");
        advance(admin, "P40D");
        var timestamp = new CompletableFuture<String>();
        var receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            timestamp.complete(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            var user = newUser("tok_visa");
            var endpoint = post("/api/v1/webhook-endpoints", user, null, """
                    {"url":"http://127.0.0.1:%d/hooks","events":["invoice.paid"]}""".formatted(
                            receiver.getAddress().getPort()));
            assertThat(endpoint.statusCode()).isEqualTo(201);
            subscribe(user, "pro-monthly");

            var sent = Instant.ofEpochSecond(Long.parseLong(timestamp.get(30, TimeUnit.SECONDS)));

            assertThat(sent).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        } finally {
            receiver.stop(0);
        }
    }

    private String newUser(String cardToken) throws Exception {
        var email = "billing-" + UUID.randomUUID() + "@example.com";
        assertThat(post("/api/v1/users", null, null, """
                {"email":"%s","password":"a billing passphrase","displayName":"Billing"}""".formatted(email)).statusCode())
                .isEqualTo(201);
        var token = signIn(email, "a billing passphrase");
        assertThat(post("/api/v1/payment-methods", token, null, "{\"token\":\"" + cardToken + "\"}")
                        .statusCode())
                .isEqualTo(201);
        return token;
    }

    private String subscribe(String token, String plan) throws Exception {
        var response =
                post("/api/v1/subscriptions", token, UUID.randomUUID().toString(), "{\"planCode\":\"" + plan + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        return field(response, "$.id");
    }

    private void advance(String admin, String duration) throws Exception {
        assertThat(post("/api/v1/admin/clock/advance", admin, null, "{\"duration\":\"" + duration + "\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    private List<Map<String, Object>> invoices(String token) throws Exception {
        return JsonPath.read(get("/api/v1/invoices?limit=100", token).body(), "$.items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> invoice) {
        return (List<Map<String, Object>>) invoice.get("lines");
    }

    private static long amount(Map<String, Object> holder, String field) {
        return ((Number) ((Map<?, ?>) holder.get(field)).get("amount")).longValue();
    }

    private String signIn(String email, String password) throws Exception {
        var response = post("/api/v1/auth/token", null, null, """
                {"email":"%s","password":"%s"}""".formatted(email, password));
        assertThat(response.statusCode()).isEqualTo(200);
        return field(response, "$.accessToken");
    }

    private static String field(HttpResponse<String> response, String path) {
        return String.valueOf((Object) JsonPath.read(response.body(), path));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return OpenApiValidation.validate(HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> post(String path, String token, String idempotencyKey, String json) throws Exception {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return OpenApiValidation.validate(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
