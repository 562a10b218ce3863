package dev.keel.billing;

import static dev.keel.billing.BillingApi.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import dev.keel.users.UserDeleted;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Changing between monthly and yearly plans mid-period, and the credit balance that it can leave. */
@ApplicationModuleTest
@AutoConfigureMockMvc
class IntervalChangeTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    PlanCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    BillingApi api;

    @BeforeEach
    void setUp() {
        api = new BillingApi(mvc, jwtEncoder);
    }

    @Test
    void yearlyToMonthlyOnDayFortyStartsAMonthAndLaterInvoicesDrawTheLeftoverCredit() {
        var yearly = BillingApi.publish(catalog, 19990, BillingInterval.YEAR, 0);
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        // Only the first charge succeeds: whatever is paid later is paid from the balance.
        api.addCard("tok_failAfterFirst");
        var id = api.subscribed(yearly);
        var year = periodDays(api.subscription(id));
        api.advance("P40D");

        var changed = api.changePlan(id, monthly);

        assertThat(changed)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.planCode")
                .isEqualTo(monthly);
        assertThat(changed).bodyJson().extractingPath("$.pendingPlanCode").isNull();
        assertThat(periodDays(changed)).isBetween(28L, 31L);
        var credit = share(19990, year - 40, year);
        var invoice = api.invoice(field(changed, "$.latestInvoiceId"));
        assertThat(invoice).bodyJson().extractingPath("$.status").isEqualTo("PAID");
        assertThat(invoice).bodyJson().extractingPath("$.total.amount").isEqualTo(0);
        assertThat(JsonPath.<List<Integer>>read(BillingApi.body(invoice), "$.lines[*].amount.amount"))
                .containsExactly((int) -credit, 1999, (int) (credit - 1999));
        assertThat(balance()).isEqualTo(credit - 1999);

        advanceJustPastThePeriodOf(id);

        var renewal = api.invoice(field(api.subscription(id), "$.latestInvoiceId"));
        assertThat(renewal).bodyJson().extractingPath("$.status").isEqualTo("PAID");
        assertThat(renewal).bodyJson().extractingPath("$.total.amount").isEqualTo(1999);
        assertThat(renewal).bodyJson().extractingPath("$.balanceApplied.amount").isEqualTo(1999);
        assertThat(renewal).bodyJson().extractingPath("$.amountPaid.amount").isEqualTo(0);
        assertThat(renewal).bodyJson().extractingPath("$.amountDue.amount").isEqualTo(0);
        assertThat(api.subscription(id)).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(balance()).isEqualTo(credit - 2 * 1999);
    }

    @Test
    void monthlyToYearlyAfterSevenDaysChargesAFullYearLessTheUnusedMonth() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        var yearly = BillingApi.publish(catalog, 29990, BillingInterval.YEAR, 0);
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        var month = periodDays(api.subscription(id));
        api.advance("P7D");

        var changed = api.changePlan(id, yearly);

        assertThat(changed)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.planCode")
                .isEqualTo(yearly);
        assertThat(periodDays(changed)).isBetween(365L, 366L);
        var credit = share(1999, month - 7, month);
        var invoice = api.invoice(field(changed, "$.latestInvoiceId"));
        assertThat(invoice).bodyJson().extractingPath("$.status").isEqualTo("PAID");
        assertThat(invoice).bodyJson().extractingPath("$.total.amount").isEqualTo((int) (29990 - credit));
        assertThat(invoice).bodyJson().extractingPath("$.amountPaid.amount").isEqualTo((int) (29990 - credit));
        assertThat(balance()).isZero();

        // The next upgrade prices the yearly plan over its own year, not over the month it replaced.
        var max = BillingApi.publish(catalog, 39990, BillingInterval.YEAR, 0);
        api.advance("P73D");
        var upgraded = api.changePlan(id, max);
        var year = periodDays(changed);
        var again = api.invoice(field(upgraded, "$.latestInvoiceId"));
        assertThat(JsonPath.<List<Integer>>read(BillingApi.body(again), "$.lines[*].amount.amount"))
                .containsExactly((int) -share(29990, year - 73, year), (int) share(39990, year - 73, year));
    }

    @Test
    void aBalanceThatCoversTheFirstInvoiceNeedsNoCard() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        giveBalance(2500);

        var subscribed = api.subscribe(monthly);

        assertThat(subscribed)
                .hasStatus(HttpStatus.CREATED)
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("ACTIVE");
        var invoice = api.invoice(field(subscribed, "$.latestInvoiceId"));
        assertThat(invoice).bodyJson().extractingPath("$.status").isEqualTo("PAID");
        assertThat(invoice).bodyJson().extractingPath("$.balanceApplied.amount").isEqualTo(1999);
        assertThat(balance()).isEqualTo(501);
    }

    @Test
    void voidingAnInvoiceGivesTheBalanceItDrewBack() {
        var monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
        giveBalance(500);
        api.addCard("tok_chargeDeclined");
        var subscribed = api.subscribe(monthly);
        var invoiceId = field(subscribed, "$.latestInvoiceId");
        assertThat(api.invoice(invoiceId))
                .bodyJson()
                .extractingPath("$.amountDue.amount")
                .isEqualTo(1499);
        assertThat(balance()).isZero();

        var voided = mvc.post()
                .uri("/api/v1/admin/invoices/" + invoiceId + "/void")
                .header("Authorization", api.admin)
                .exchange();

        assertThat(voided).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("VOID");
        assertThat(voided).bodyJson().extractingPath("$.balanceApplied.amount").isEqualTo(0);
        assertThat(balance()).isEqualTo(500);
    }

    @Test
    void erasesTheBalanceOfADeletedAccount(Scenario scenario) {
        giveBalance(700);

        scenario.publish(new UserDeleted(
                        UUID.randomUUID(), api.userId, "gone@example.com", Instant.now(), Instant.now()))
                .andWaitForStateChange(this::balanceRows, rows -> rows == 0)
                .andVerify(rows -> assertThat(rows).isZero());
    }

    /** {@code price × remainingDays / periodDays}, rounded half up: what the credit or charge must be. */
    private static long share(long price, long remainingDays, long periodDays) {
        return BigDecimal.valueOf(price)
                .multiply(BigDecimal.valueOf(remainingDays))
                .divide(BigDecimal.valueOf(periodDays), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static long periodDays(MvcTestResult subscription) {
        var start = Instant.parse(field(subscription, "$.currentPeriodStart"));
        var end = Instant.parse(field(subscription, "$.currentPeriodEnd"));
        return Duration.between(start, end).toDays();
    }

    private void giveBalance(long amount) {
        jdbc.sql("insert into credit_balances (user_id, currency, amount) values (?, 'EUR', ?)")
                .params(api.userId, amount)
                .update();
    }

    private long balance() {
        return jdbc.sql("select coalesce(sum(amount), 0) from credit_balances where user_id = ?")
                .param(api.userId)
                .query(Long.class)
                .single();
    }

    private long balanceRows() {
        return jdbc.sql("select count(*) from credit_balances where user_id = ?")
                .param(api.userId)
                .query(Long.class)
                .single();
    }

    private void advanceJustPastThePeriodOf(String subscriptionId) {
        var end = Instant.parse(field(api.subscription(subscriptionId), "$.currentPeriodEnd"));
        var now = Instant.parse(field(
                mvc.get()
                        .uri("/api/v1/admin/clock")
                        .header("Authorization", api.admin)
                        .exchange(),
                "$.now"));
        api.advance(Duration.between(now, end).plusHours(1).toString());
    }
}
