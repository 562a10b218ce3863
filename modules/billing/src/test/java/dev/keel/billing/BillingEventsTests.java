package dev.keel.billing;

import static dev.keel.billing.BillingApi.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import dev.keel.billing.invoice.InvoiceRepository;
import dev.keel.billing.subscription.SubscriptionRepository;
import dev.keel.users.UserDeleted;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** What billing tells the other modules, and how it reacts to the users module. */
@ApplicationModuleTest
@AutoConfigureMockMvc
class BillingEventsTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    PlanCatalog catalog;

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    InvoiceRepository invoices;

    BillingApi api;
    String monthly;

    @BeforeEach
    void setUp() {
        api = new BillingApi(mvc, jwtEncoder);
        monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
    }

    @Test
    void announcesASubscriptionItsInvoiceAndThePayment(PublishedEvents events) {
        api.addCard("tok_visa");
        var result = api.subscribe(monthly);
        var invoiceId = UUID.fromString(field(result, "$.latestInvoiceId"));
        var number = field(api.invoice(invoiceId.toString()), "$.number");

        assertThat(events.ofType(SubscriptionStarted.class)
                        .matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .satisfies(started -> {
                    assertThat(started.planCode()).isEqualTo(monthly);
                    assertThat(started.status()).isEqualTo(SubscriptionStatus.ACTIVE);
                    assertThat(started.subscriptionId()).hasToString(field(result, "$.id"));
                });
        assertThat(events.ofType(InvoiceIssued.class)
                        .matching(e -> e.invoiceId().equals(invoiceId)))
                .singleElement()
                .satisfies(issued -> {
                    assertThat(issued.number()).isEqualTo(number);
                    assertThat(issued.total()).isEqualTo(Money.of(1999, "EUR"));
                });
        assertThat(events.ofType(InvoicePaid.class).matching(e -> e.invoiceId().equals(invoiceId)))
                .singleElement()
                .satisfies(paid -> {
                    assertThat(paid.amountPaid()).isEqualTo(Money.of(1999, "EUR"));
                    assertThat(paid.cardLast4()).isEqualTo("4242");
                });
    }

    @Test
    void announcesADeclinedFirstChargeWithoutARetryDate(PublishedEvents events) {
        api.addCard("tok_insufficientFunds");
        var result = api.subscribe(monthly);

        assertThat(events.ofType(PaymentFailed.class).matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .satisfies(failed -> {
                    assertThat(failed.declineCode()).isEqualTo("insufficient_funds");
                    assertThat(failed.attemptCount()).isEqualTo(1);
                    assertThat(failed.nextPaymentAttemptAt()).isNull();
                    assertThat(failed.invoiceId()).hasToString(field(result, "$.latestInvoiceId"));
                });
        assertThat(events.ofType(SubscriptionStarted.class)
                        .matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .extracting(SubscriptionStarted::status)
                .isEqualTo(SubscriptionStatus.INCOMPLETE);
    }

    @Test
    void announcesAnUpgradeAtOnce(PublishedEvents events) {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        var pro = BillingApi.publish(catalog, 4999, BillingInterval.MONTH, 0);

        api.changePlan(id, pro);

        assertThat(events.ofType(SubscriptionPlanChanged.class)
                        .matching(e -> e.userId().equals(api.userId)))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.upgrade()).isTrue();
                    assertThat(change.fromPlanCode()).isEqualTo(monthly);
                    assertThat(change.toPlanCode()).isEqualTo(pro);
                });
    }

    @Test
    void endsTheSubscriptionAndVoidsOpenInvoicesOfADeletedUser(Scenario scenario) {
        api.addCard("tok_chargeDeclined");
        var id = UUID.fromString(field(api.subscribe(monthly), "$.id"));

        // The listener publishes the cancellation inside its transaction: wait for the commit, then check.
        scenario.publish(new UserDeleted(
                        UUID.randomUUID(), api.userId, "gone@example.com", Instant.now(), Instant.now()))
                .andWaitForStateChange(
                        () -> subscriptions.findById(id).orElseThrow().status(),
                        status -> status == SubscriptionStatus.CANCELED)
                .andVerifyEvents(events -> {
                    assertThat(events.ofType(SubscriptionCanceled.class)
                                    .matching(canceled ->
                                            canceled.subscriptionId().equals(id)))
                            .singleElement()
                            .extracting(SubscriptionCanceled::reason)
                            .isEqualTo(SubscriptionCanceled.Reason.ACCOUNT_DELETED);
                    assertThat(subscriptions.findById(id).orElseThrow().status())
                            .isEqualTo(SubscriptionStatus.CANCELED);
                    assertThat(invoices.findOpenOfUser(api.userId)).isEmpty();
                });
    }
}
