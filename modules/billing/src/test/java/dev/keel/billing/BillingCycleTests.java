package dev.keel.billing;

import static dev.keel.billing.BillingApi.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The billing cycle through time travel: what a year of a subscription's life looks like from the API. */
@ApplicationModuleTest
@AutoConfigureMockMvc
class BillingCycleTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    PlanCatalog catalog;

    BillingApi api;

    @BeforeEach
    void setUp() {
        api = new BillingApi(mvc, jwtEncoder);
    }

    @Test
    void renewsEveryMonthForAYearWithContiguousPaidPeriods(PublishedEvents events) {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);

        var now = Instant.parse(field(api.advance("P365D"), "$.now"));

        var invoices = invoicesOldestFirst();
        assertThat(invoices).hasSizeBetween(12, 13).allSatisfy(invoice -> {
            assertThat(invoice.get("status")).isEqualTo("PAID");
            assertThat(amount(invoice, "total")).isEqualTo(1999);
        });
        for (var i = 1; i < invoices.size(); i++) {
            assertThat(periodStart(invoices.get(i))).isEqualTo(periodEnd(invoices.get(i - 1)));
        }
        assertThat(Instant.parse(periodEnd(invoices.getLast()))).isAfter(now);
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(events.ofType(SubscriptionRenewed.class)
                        .matching(e -> e.userId().equals(api.userId)))
                .hasSize(invoices.size() - 1);
        assertThat(events.ofType(InvoicePaid.class).matching(e -> e.userId().equals(api.userId)))
                .hasSize(invoices.size());
    }

    @Test
    void warnsThreeDaysBeforeATrialEndsThenChargesTheFirstInvoice(PublishedEvents events) {
        var trial = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 14);
        api.addCard("tok_visa");
        var id = api.subscribed(trial);

        api.advance("P11DT1H");
        assertThat(events.ofType(TrialWillEnd.class).matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .satisfies(warning -> assertThat(warning.price()).isEqualTo(Money.of(1999, "EUR")));
        assertThat(invoicesOldestFirst()).isEmpty();

        api.advance("P3D");

        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(invoicesOldestFirst()).singleElement().satisfies(invoice -> {
            assertThat(invoice.get("status")).isEqualTo("PAID");
            assertThat(periodStart(invoice)).isEqualTo(field(api.subscription(id), "$.trialEnd"));
        });
    }

    @Test
    void retriesADeclinedRenewalThenGivesUpAndCancels(PublishedEvents events) {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        api.addCard("tok_failAfterFirst");
        var id = api.subscribed(monthly);

        advanceJustPastThePeriodOf(id);
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("PAST_DUE");
        var renewal = invoicesOldestFirst().getLast();
        assertThat(renewal.get("status")).isEqualTo("OPEN");
        assertThat(renewal.get("attemptCount")).isEqualTo(1);
        assertThat(renewal.get("nextPaymentAttemptAt")).isNotNull();

        api.advance("P6D");

        var lastInvoice = invoicesOldestFirst().getLast();
        assertThat(lastInvoice.get("status")).isEqualTo("UNCOLLECTIBLE");
        assertThat(lastInvoice.get("attemptCount")).isEqualTo(4);
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("CANCELED");
        assertThat(events.ofType(PaymentFailed.class).matching(e -> e.userId().equals(api.userId)))
                .extracting(PaymentFailed::attemptCount)
                .containsExactly(1, 2, 3, 4);
        assertThat(events.ofType(SubscriptionCanceled.class)
                        .matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .extracting(SubscriptionCanceled::reason)
                .isEqualTo(SubscriptionCanceled.Reason.PAYMENT_FAILED);
    }

    @Test
    void forgivesAPastDuePeriodWhenAnAdminVoidsItsInvoice() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        api.addCard("tok_failAfterFirst");
        var id = api.subscribed(monthly);
        advanceJustPastThePeriodOf(id);
        var renewal = field(api.subscription(id), "$.latestInvoiceId");

        var voided = mvc.post()
                .uri("/api/v1/admin/invoices/" + renewal + "/void")
                .header("Authorization", api.admin)
                .exchange();

        assertThat(voided).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("VOID");
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
    }

    @Test
    void recoversWhenARetrySucceedsWithANewDefaultCard() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        api.addCard("tok_failAfterFirst");
        var id = api.subscribed(monthly);
        advanceJustPastThePeriodOf(id);
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("PAST_DUE");
        var visa = api.addCard("tok_visa");
        assertThat(api.post("/api/v1/payment-methods/" + visa + "/default", "", null))
                .hasStatusOk();

        api.advance("P1D");

        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(invoicesOldestFirst().getLast().get("status")).isEqualTo("PAID");
    }

    @Test
    void appliesADowngradeAtPeriodEnd(PublishedEvents events) {
        var pro = BillingApi.publish(catalog, 4999, BillingInterval.MONTH, 0);
        var basic = BillingApi.publish(catalog, 999, BillingInterval.MONTH, 0);
        api.addCard("tok_visa");
        var id = api.subscribed(pro);
        api.changePlan(id, basic);

        api.advance("P32D");

        var subscription = api.subscription(id);
        assertThat(subscription).bodyJson().extractingPath("$.planCode").isEqualTo(basic);
        assertThat(subscription).bodyJson().extractingPath("$.pendingPlanCode").isNull();
        assertThat(amount(invoicesOldestFirst().getLast(), "total")).isEqualTo(999);
        assertThat(events.ofType(SubscriptionPlanChanged.class)
                        .matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.upgrade()).isFalse();
                    assertThat(change.toPlanCode()).isEqualTo(basic);
                });
    }

    @Test
    void givesAMonthlySubscriptionMovingToAYearlyPlanAFullYear() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        var yearly = BillingApi.publish(catalog, 19990, BillingInterval.YEAR, 0);
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        // Cheaper per day: a downgrade, applied at the end of the month.
        assertThat(api.changePlan(id, yearly))
                .bodyJson()
                .extractingPath("$.pendingPlanCode")
                .isEqualTo(yearly);

        advanceJustPastThePeriodOf(id);

        var subscription = api.subscription(id);
        var start = Instant.parse(field(subscription, "$.currentPeriodStart"));
        var end = Instant.parse(field(subscription, "$.currentPeriodEnd"));
        assertThat(field(subscription, "$.planCode")).isEqualTo(yearly);
        assertThat(java.time.Duration.between(start, end).toDays()).isBetween(365L, 366L);
        assertThat(amount(invoicesOldestFirst().getLast(), "total")).isEqualTo(19990);
    }

    @Test
    void chargesRenewalsToTheCardMadeDefaultNotTheOneNamedAtFirst() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        var named = api.addCard("tok_failAfterFirst");
        var visa = api.addCard("tok_visa");
        var subscribed = api.post(
                "/api/v1/subscriptions",
                "{\"planCode\":\"" + monthly + "\",\"paymentMethodId\":\"" + named + "\"}",
                java.util.UUID.randomUUID().toString());
        var id = field(subscribed, "$.id");
        assertThat(api.post("/api/v1/payment-methods/" + visa + "/default", "", null))
                .hasStatusOk();

        advanceJustPastThePeriodOf(id);

        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(invoicesOldestFirst())
                .extracting(invoice -> invoice.get("status"))
                .containsOnly("PAID");
    }

    @Test
    void expiresASubscriptionWhoseFirstInvoiceStaysUnpaid(PublishedEvents events) {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        api.addCard("tok_chargeDeclined");
        var subscribed = api.subscribe(monthly);
        var id = field(subscribed, "$.id");

        api.advance("PT22H");
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("INCOMPLETE");
        api.advance("PT2H");

        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("CANCELED");
        assertThat(api.invoice(field(subscribed, "$.latestInvoiceId")))
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("VOID");
        assertThat(events.ofType(SubscriptionCanceled.class)
                        .matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .extracting(SubscriptionCanceled::reason)
                .isEqualTo(SubscriptionCanceled.Reason.INCOMPLETE_EXPIRED);
    }

    @Test
    void givesOneTrialPerUser() {
        var trial = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 14);
        api.addCard("tok_visa");
        var first = api.subscribed(trial);
        api.cancel(first, false);

        var second = api.subscribe(trial);

        assertThat(second)
                .hasStatus(HttpStatus.CREATED)
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("ACTIVE");
        assertThat(second).bodyJson().extractingPath("$.trialEnd").isNull();
    }

    @Test
    void endsASubscriptionCanceledAtPeriodEndWithoutAnotherInvoice() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        api.cancel(id, true);

        api.advance("P32D");

        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("CANCELED");
        assertThat(api.subscription(id))
                .bodyJson()
                .extractingPath("$.canceledAt")
                .isNotNull();
        assertThat(invoicesOldestFirst()).hasSize(1);
    }

    @Test
    void proratesAnUpgradeHalfwayThroughThePeriod() {
        var basic = BillingApi.publish(catalog, 1000, BillingInterval.MONTH, 0);
        var pro = BillingApi.publish(catalog, 3000, BillingInterval.MONTH, 0);
        api.addCard("tok_visa");
        var id = api.subscribed(basic);
        var subscription = api.subscription(id);
        var start = Instant.parse(field(subscription, "$.currentPeriodStart"));
        var end = Instant.parse(field(subscription, "$.currentPeriodEnd"));
        var half = java.time.Duration.between(start, end).dividedBy(2);
        api.advance(half.toString());

        var changed = api.changePlan(id, pro);

        var invoice = api.invoice(field(changed, "$.latestInvoiceId"));
        assertThat(invoice).bodyJson().extractingPath("$.status").isEqualTo("PAID");
        // Half of each price, to within the seconds the request took.
        assertThat(invoice)
                .bodyJson()
                .extractingPath("$.total.amount")
                .asNumber()
                .satisfies(total -> assertThat(total.longValue()).isBetween(995L, 1000L));
        assertThat(JsonPath.<Integer>read(BillingApi.body(invoice), "$.lines.length()"))
                .isEqualTo(2);
    }

    @Test
    void letsOnlyAdminsReadOrMoveTheClock() {
        var read = mvc.get()
                .uri("/api/v1/admin/clock")
                .header("Authorization", api.admin)
                .exchange();
        var userMoves = mvc.post()
                .uri("/api/v1/admin/clock/advance")
                .header("Authorization", api.user)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"duration\":\"P1D\"}")
                .exchange();
        var backwards = mvc.post()
                .uri("/api/v1/admin/clock/advance")
                .header("Authorization", api.admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"duration\":\"-P1D\"}")
                .exchange();

        assertThat(read).hasStatusOk().bodyJson().extractingPath("$.now").isNotNull();
        assertThat(userMoves).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(backwards)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].code")
                .isEqualTo("invalid_duration");
    }

    private void advanceJustPastThePeriodOf(String subscriptionId) {
        var end = Instant.parse(field(api.subscription(subscriptionId), "$.currentPeriodEnd"));
        var now = Instant.parse(field(
                mvc.get()
                        .uri("/api/v1/admin/clock")
                        .header("Authorization", api.admin)
                        .exchange(),
                "$.now"));
        api.advance(java.time.Duration.between(now, end).plusHours(1).toString());
    }

    private List<Map<String, Object>> invoicesOldestFirst() {
        List<Map<String, Object>> items = JsonPath.read(BillingApi.body(api.invoices()), "$.items");
        return items.reversed();
    }

    private static long amount(Map<String, Object> invoice, String field) {
        return ((Number) ((Map<?, ?>) invoice.get(field)).get("amount")).longValue();
    }

    private static String periodStart(Map<String, Object> invoice) {
        return line(invoice).get("periodStart").toString();
    }

    private static String periodEnd(Map<String, Object> invoice) {
        return line(invoice).get("periodEnd").toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(Map<String, Object> invoice) {
        return ((List<Map<String, Object>>) invoice.get("lines")).getFirst();
    }
}
