package dev.keel.billing;

import static dev.keel.billing.BillingApi.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import dev.keel.billing.subscription.SubscriptionRepository;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ApplicationModuleTest
@AutoConfigureMockMvc
class SubscriptionTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    PlanCatalog catalog;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    SubscriptionRepository subscriptions;

    BillingApi api;
    String monthly;

    @BeforeEach
    void setUp() {
        api = new BillingApi(mvc, jwtEncoder);
        monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
    }

    @Test
    void chargesTheFirstInvoiceAtOnceAndActivates() {
        api.addCard("tok_visa");

        var result = api.subscribe(monthly);

        assertThat(result).hasStatus(HttpStatus.CREATED);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(result).bodyJson().extractingPath("$.planCode").isEqualTo(monthly);
        assertThat(result.getResponse().getHeader("Location"))
                .endsWith("/api/v1/subscriptions/" + field(result, "$.id"));
        var invoice = api.invoice(field(result, "$.latestInvoiceId"));
        assertThat(invoice).bodyJson().extractingPath("$.status").isEqualTo("PAID");
        assertThat(invoice).bodyJson().extractingPath("$.total.amount").isEqualTo(1999);
        assertThat(invoice).bodyJson().extractingPath("$.amountDue.amount").isEqualTo(0);
        assertThat(invoice).bodyJson().extractingPath("$.number").asString().matches("KEEL-\\d{4}-\\d{6}");
    }

    @Test
    void startsATrialWithoutCharging() {
        var trial = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 14);
        api.addCard("tok_chargeDeclined");

        var result = api.subscribe(trial);

        assertThat(result).hasStatus(HttpStatus.CREATED);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("TRIALING");
        assertThat(field(result, "$.trialEnd")).isEqualTo(field(result, "$.currentPeriodEnd"));
        assertThat(invoicesOf(api.userId)).isEmpty();
    }

    @Test
    void leavesADeclinedFirstChargeIncompleteUntilTheInvoiceIsPaid() {
        api.addCard("tok_chargeDeclined");
        var result = api.subscribe(monthly);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("INCOMPLETE");
        var invoiceId = field(result, "$.latestInvoiceId");
        assertThat(api.invoice(invoiceId)).bodyJson().extractingPath("$.status").isEqualTo("OPEN");

        var declined = api.pay(invoiceId, UUID.randomUUID().toString());
        assertThat(declined).hasStatus(HttpStatus.PAYMENT_REQUIRED);
        assertThat(declined).bodyJson().extractingPath("$.code").isEqualTo("card_declined");

        var visa = api.addCard("tok_visa");
        var paid = api.post(
                "/api/v1/invoices/" + invoiceId + "/pay",
                "{\"paymentMethodId\":\"" + visa + "\"}",
                UUID.randomUUID().toString());

        assertThat(paid).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("PAID");
        assertThat(paid).bodyJson().extractingPath("$.attemptCount").isEqualTo(3);
        assertThat(api.subscription(field(result, "$.id")))
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("ACTIVE");
    }

    @Test
    void allowsOneLiveSubscriptionPerUser() {
        api.addCard("tok_visa");
        var first = api.subscribed(monthly);

        var second = api.subscribe(monthly);

        assertThat(second)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("subscription_exists");
        assertThat(api.cancel(first, false))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("CANCELED");
        assertThat(api.subscribe(monthly)).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void needsAPaymentMethodForPaidPlansButNotForFreeOnes() {
        var free = BillingApi.publish(catalog, 0, BillingInterval.MONTH, 0);

        var paid = api.subscribe(monthly);
        var gratis = api.subscribe(free);

        assertThat(paid)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("payment_method_required");
        assertThat(gratis)
                .hasStatus(HttpStatus.CREATED)
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("ACTIVE");
        assertThat(gratis).bodyJson().extractingPath("$.latestInvoiceId").isNull();
    }

    @Test
    void refusesUnknownPlansAndForeignCards() {
        var stranger = new BillingApi(mvc, jwtEncoder);
        var foreignCard = stranger.addCard("tok_visa");

        var unknown = api.subscribe("no-such-plan");
        var foreign = api.post(
                "/api/v1/subscriptions",
                "{\"planCode\":\"" + monthly + "\",\"paymentMethodId\":\"" + foreignCard + "\"}",
                UUID.randomUUID().toString());

        assertThat(unknown)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("planCode");
        assertThat(foreign)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].code")
                .isEqualTo("unknown_payment_method");
        assertThat(subscriptions.findLive(api.userId)).isEmpty();
    }

    @Test
    void requiresAnIdempotencyKeyToSubscribeAndReplaysARetry() {
        api.addCard("tok_visa");
        var missing = api.post("/api/v1/subscriptions", "{\"planCode\":\"" + monthly + "\"}", null);
        var key = UUID.randomUUID().toString();
        var first = api.post("/api/v1/subscriptions", "{\"planCode\":\"" + monthly + "\"}", key);
        var retry = api.post("/api/v1/subscriptions", "{\"planCode\":\"" + monthly + "\"}", key);

        assertThat(missing)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("idempotency_key_required");
        assertThat(first).hasStatus(HttpStatus.CREATED);
        assertThat(retry).hasStatus(HttpStatus.CREATED);
        assertThat(retry.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(field(retry, "$.id")).isEqualTo(field(first, "$.id"));
        assertThat(invoicesOf(api.userId)).hasSize(1);
    }

    @Test
    void cancelsAtPeriodEndAndResumes() {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);

        var canceling = api.cancel(id, true);
        var resumed = api.post("/api/v1/subscriptions/" + id + "/resume", "", null);
        var again = api.post("/api/v1/subscriptions/" + id + "/resume", "", null);

        assertThat(canceling)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.cancelAtPeriodEnd")
                .isEqualTo(true);
        assertThat(canceling).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(resumed)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.cancelAtPeriodEnd")
                .isEqualTo(false);
        assertThat(again)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("subscription_not_canceling");
    }

    @Test
    void refusesToChangeACanceledSubscription() {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        api.cancel(id, false);
        var other = BillingApi.publish(catalog, 2999, BillingInterval.MONTH, 0);

        assertThat(api.cancel(id, false))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("subscription_canceled");
        assertThat(api.changePlan(id, other))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("subscription_canceled");
        assertThat(api.cancel(id, true)).hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void upgradesAtOnceWithAChargedProrationInvoice() {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        var pro = BillingApi.publish(catalog, 4999, BillingInterval.MONTH, 0);

        var result = api.changePlan(id, pro);

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.planCode").isEqualTo(pro);
        var invoice = api.invoice(field(result, "$.latestInvoiceId"));
        assertThat(invoice).bodyJson().extractingPath("$.status").isEqualTo("PAID");
        assertThat(invoice)
                .bodyJson()
                .extractingPath("$.lines[*].proration")
                .asArray()
                .containsOnly(true);
        // Right after subscribing nearly the whole period is left: close to the difference of the prices.
        assertThat(invoice)
                .bodyJson()
                .extractingPath("$.total.amount")
                .asNumber()
                .satisfies(total -> assertThat(total.longValue()).isBetween(2990L, 3000L));
        assertThat(invoice)
                .bodyJson()
                .extractingPath("$.lines[0].amount.amount")
                .asNumber()
                .satisfies(credit -> assertThat(credit.longValue()).isNegative());
    }

    @Test
    void keepsThePlanWhenAnUpgradeChargeIsDeclined() {
        api.addCard("tok_failAfterFirst");
        var id = api.subscribed(monthly);
        var pro = BillingApi.publish(catalog, 4999, BillingInterval.MONTH, 0);

        var result = api.changePlan(id, pro);

        assertThat(result)
                .hasStatus(HttpStatus.PAYMENT_REQUIRED)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("card_declined");
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.planCode").isEqualTo(monthly);
        assertThat(invoicesOf(api.userId)).hasSize(1);
    }

    @Test
    void downgradesAtPeriodEndAndCanTakeItBack() {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        var basic = BillingApi.publish(catalog, 999, BillingInterval.MONTH, 0);

        var downgrade = api.changePlan(id, basic);
        var undo = api.changePlan(id, monthly);
        var same = api.changePlan(id, monthly);

        assertThat(downgrade)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.pendingPlanCode")
                .isEqualTo(basic);
        assertThat(downgrade).bodyJson().extractingPath("$.planCode").isEqualTo(monthly);
        assertThat(undo)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.pendingPlanCode")
                .isNull();
        assertThat(same)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("plan_unchanged");
    }

    @Test
    void showsOnlyTheCallersSubscriptions() {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        var stranger = new BillingApi(mvc, jwtEncoder);

        assertThat(mvc.get().uri("/api/v1/subscriptions/" + id).header("Authorization", stranger.user))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(stranger.cancel(id, false)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/v1/subscriptions").header("Authorization", stranger.user))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();
        assertThat(mvc.get().uri("/api/v1/subscriptions").header("Authorization", api.user))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .containsExactly(id);
        assertThat(mvc.get().uri("/api/v1/subscriptions")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void answersNotModifiedForAnUnchangedSubscription() {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        var etag = api.subscription(id).getResponse().getHeader("ETag");

        var again = mvc.get()
                .uri("/api/v1/subscriptions/" + id)
                .header("Authorization", api.user)
                .header("If-None-Match", etag)
                .exchange();

        assertThat(etag).isNotBlank();
        assertThat(again).hasStatus(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void pinsThePriceOfAPlanInUse() {
        api.addCard("tok_visa");
        api.subscribed(monthly);

        var reprice = mvc.patch()
                .uri("/api/v1/admin/plans/" + monthly)
                .header("Authorization", api.admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"price\":{\"amount\":2999,\"currency\":\"EUR\"}}")
                .exchange();
        var rename = mvc.patch()
                .uri("/api/v1/admin/plans/" + monthly)
                .header("Authorization", api.admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Renamed\"}")
                .exchange();

        assertThat(reprice)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("plan_in_use");
        assertThat(rename).hasStatusOk();
        assertThat(catalog.get(monthly).price()).isEqualTo(Money.of(1999, "EUR"));
    }

    @Test
    void refusesUnknownFieldsSoNobodySetsTheirOwnStatus() {
        api.addCard("tok_visa");

        var result = api.post(
                "/api/v1/subscriptions",
                "{\"planCode\":\"" + monthly + "\",\"status\":\"ACTIVE\"}",
                UUID.randomUUID().toString());

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(subscriptions.findLive(api.userId)).isEmpty();
        assertThat(List.of(result.getResponse().getContentType())).containsExactly("application/problem+json");
    }

    private java.util.List<UUID> invoicesOf(UUID userId) {
        return jdbc.sql("select id from invoices where user_id = ?")
                .param(userId)
                .query(UUID.class)
                .list();
    }
}
