package dev.keel.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import dev.keel.test.Api;
import dev.keel.test.TestTokens;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The billing API as a client uses it, for tests: one user (and an admin) per instance. */
final class BillingApi {

    final MockMvcTester mvc;
    final UUID userId = UUID.randomUUID();
    final String user;
    final String admin;

    BillingApi(MockMvcTester mvc, JwtEncoder encoder) {
        this.mvc = mvc;
        this.user = TestTokens.bearer(encoder, userId, List.of("USER"));
        this.admin = TestTokens.bearer(encoder, UUID.randomUUID(), List.of("ADMIN"));
    }

    /** Publishes a plan with a code of its own, so tests sharing a database never collide. */
    static String publish(PlanCatalog catalog, long price, BillingInterval interval, int trialDays) {
        var code = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.publish(new PlanCatalog.NewPlan(
                code,
                "Plan " + price + " " + interval.name().toLowerCase(Locale.ROOT),
                "For tests",
                Money.of(price, "EUR"),
                interval,
                trialDays,
                List.of()));
        return code;
    }

    String addCard(String token) {
        var result = post("/api/v1/payment-methods", "{\"token\":\"" + token + "\"}", null);
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return field(result, "$.id");
    }

    MvcTestResult subscribe(String planCode) {
        return post(
                "/api/v1/subscriptions",
                "{\"planCode\":\"" + planCode + "\"}",
                UUID.randomUUID().toString());
    }

    String subscribed(String planCode) {
        var result = subscribe(planCode);
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return field(result, "$.id");
    }

    MvcTestResult subscription(String id) {
        return mvc.get()
                .uri("/api/v1/subscriptions/" + id)
                .header("Authorization", user)
                .exchange();
    }

    MvcTestResult invoice(String id) {
        return mvc.get()
                .uri("/api/v1/invoices/" + id)
                .header("Authorization", user)
                .exchange();
    }

    MvcTestResult invoices() {
        return mvc.get()
                .uri("/api/v1/invoices?limit=100")
                .header("Authorization", user)
                .exchange();
    }

    MvcTestResult pay(String invoiceId, String idempotencyKey) {
        return post("/api/v1/invoices/" + invoiceId + "/pay", "{}", idempotencyKey);
    }

    MvcTestResult cancel(String id, boolean atPeriodEnd) {
        return post("/api/v1/subscriptions/" + id + "/cancel", "{\"atPeriodEnd\":" + atPeriodEnd + "}", null);
    }

    MvcTestResult changePlan(String id, String planCode) {
        return post("/api/v1/subscriptions/" + id + "/change-plan", "{\"planCode\":\"" + planCode + "\"}", null);
    }

    MvcTestResult advance(String duration) {
        var result = mvc.post()
                .uri("/api/v1/admin/clock/advance")
                .header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"duration\":\"" + duration + "\"}")
                .exchange();
        assertThat(result).hasStatusOk();
        return result;
    }

    MvcTestResult post(String uri, String json, String idempotencyKey) {
        var request = mvc.post()
                .uri(uri)
                .header("Authorization", user)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    static String field(MvcTestResult result, String path) {
        return Api.field(result, path);
    }

    static String body(MvcTestResult result) {
        return Api.body(result);
    }
}
