package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.InvoiceIssued;
import dev.keel.billing.InvoicePaid;
import dev.keel.billing.Money;
import dev.keel.billing.PaymentFailed;
import dev.keel.billing.SubscriptionCanceled;
import dev.keel.billing.SubscriptionPlanChanged;
import dev.keel.billing.SubscriptionRenewed;
import dev.keel.billing.SubscriptionStarted;
import dev.keel.billing.SubscriptionStatus;
import dev.keel.billing.TrialWillEnd;
import dev.keel.notifications.webhook.WebhookData;
import dev.keel.notifications.webhook.WebhookPayload;
import dev.keel.users.UserDeleted;
import dev.keel.users.UserRegistered;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the JSON receivers get for every webhook event type, byte for byte, as the application's own mapper
 * writes it: the public webhook API (payload version 1) changes only when one of these strings does.
 */
class WebhookPayloadTests extends ApplicationTest {

    static final UUID EVENT = UUID.fromString("44444444-4444-4444-4444-444444444444");
    static final UUID USER = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID SUBSCRIPTION = UUID.fromString("22222222-2222-2222-2222-222222222222");
    static final UUID INVOICE = UUID.fromString("33333333-3333-3333-3333-333333333333");
    static final Instant OCCURRED = Instant.parse("2026-11-22T10:15:30.123456Z");
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    static final Money PRICE = Money.of(1999, "EUR");

    @Autowired
    JsonMapper json;

    @Test
    void pinsTheVersion() {
        assertThat(WebhookData.VERSION).isEqualTo(1);
    }

    @Test
    void userRegistered() {
        var event = new UserRegistered(EVENT, USER, "ada@example.com", "Ada Lovelace", OCCURRED, OCCURRED);

        assertThat(payload(WebhookData.UserRegistered.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"user.registered",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"userId":"11111111-1111-1111-1111-111111111111","email":"ada@example.com",
                "displayName":"Ada Lovelace","registeredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void userDeleted() {
        var event = new UserDeleted(EVENT, USER, "ada@example.com", OCCURRED, OCCURRED);

        assertThat(payload(WebhookData.UserDeleted.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"user.deleted",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"userId":"11111111-1111-1111-1111-111111111111","email":"ada@example.com",
                "deletedAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void subscriptionStarted() {
        var trialing = new SubscriptionStarted(
                EVENT, SUBSCRIPTION, USER, "pro", "Pro", SubscriptionStatus.TRIALING, START, END, END, OCCURRED);
        var active = new SubscriptionStarted(
                EVENT, SUBSCRIPTION, USER, "pro", "Pro", SubscriptionStatus.ACTIVE, START, END, null, OCCURRED);

        assertThat(payload(WebhookData.SubscriptionStarted.of(trialing))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"subscription.started",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "userId":"11111111-1111-1111-1111-111111111111","planCode":"pro","planName":"Pro",
                "status":"TRIALING","currentPeriodStart":"2026-11-01T00:00:00Z",
                "currentPeriodEnd":"2026-12-01T00:00:00Z","trialEnd":"2026-12-01T00:00:00Z",
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
        assertThat(payload(WebhookData.SubscriptionStarted.of(active))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"subscription.started",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "userId":"11111111-1111-1111-1111-111111111111","planCode":"pro","planName":"Pro",
                "status":"ACTIVE","currentPeriodStart":"2026-11-01T00:00:00Z",
                "currentPeriodEnd":"2026-12-01T00:00:00Z","trialEnd":null,
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void subscriptionRenewed() {
        var event = new SubscriptionRenewed(EVENT, SUBSCRIPTION, USER, "pro", "Pro", START, END, OCCURRED);

        assertThat(payload(WebhookData.SubscriptionRenewed.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"subscription.renewed",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "userId":"11111111-1111-1111-1111-111111111111","planCode":"pro","planName":"Pro",
                "currentPeriodStart":"2026-11-01T00:00:00Z","currentPeriodEnd":"2026-12-01T00:00:00Z",
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void subscriptionPlanChanged() {
        var event =
                new SubscriptionPlanChanged(EVENT, SUBSCRIPTION, USER, "basic", "pro", "Pro", true, START, OCCURRED);

        assertThat(payload(WebhookData.SubscriptionPlanChanged.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"subscription.plan_changed",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "userId":"11111111-1111-1111-1111-111111111111","fromPlanCode":"basic","toPlanCode":"pro",
                "toPlanName":"Pro","upgrade":true,"effectiveAt":"2026-11-01T00:00:00Z",
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void subscriptionCanceled() {
        var event = new SubscriptionCanceled(
                EVENT, SUBSCRIPTION, USER, "pro", "Pro", SubscriptionCanceled.Reason.PAYMENT_FAILED, START, OCCURRED);

        assertThat(payload(WebhookData.SubscriptionCanceled.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"subscription.canceled",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "userId":"11111111-1111-1111-1111-111111111111","planCode":"pro","planName":"Pro",
                "reason":"PAYMENT_FAILED","canceledAt":"2026-11-01T00:00:00Z",
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void trialWillEnd() {
        var event = new TrialWillEnd(EVENT, SUBSCRIPTION, USER, "pro", "Pro", PRICE, END, OCCURRED);

        assertThat(payload(WebhookData.TrialWillEnd.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"trial.will_end",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "userId":"11111111-1111-1111-1111-111111111111","planCode":"pro","planName":"Pro",
                "price":{"amount":1999,"currency":"EUR"},"trialEnd":"2026-12-01T00:00:00Z",
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void invoiceIssued() {
        var event = new InvoiceIssued(
                EVENT,
                INVOICE,
                "KEEL-2026-000042",
                USER,
                SUBSCRIPTION,
                PRICE,
                Money.of(999, "usd"),
                START,
                END,
                OCCURRED);
        var oneOff =
                new InvoiceIssued(EVENT, INVOICE, "KEEL-2026-000042", USER, null, PRICE, PRICE, START, END, OCCURRED);

        assertThat(payload(WebhookData.InvoiceIssued.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"invoice.issued",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "invoiceId":"33333333-3333-3333-3333-333333333333","number":"KEEL-2026-000042",
                "userId":"11111111-1111-1111-1111-111111111111",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "total":{"amount":1999,"currency":"EUR"},"amountDue":{"amount":999,"currency":"USD"},
                "issuedAt":"2026-11-01T00:00:00Z","dueAt":"2026-12-01T00:00:00Z",
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
        assertThat(payload(WebhookData.InvoiceIssued.of(oneOff))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"invoice.issued",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "invoiceId":"33333333-3333-3333-3333-333333333333","number":"KEEL-2026-000042",
                "userId":"11111111-1111-1111-1111-111111111111","subscriptionId":null,
                "total":{"amount":1999,"currency":"EUR"},"amountDue":{"amount":1999,"currency":"EUR"},
                "issuedAt":"2026-11-01T00:00:00Z","dueAt":"2026-12-01T00:00:00Z",
                "occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void invoicePaid() {
        var event = new InvoicePaid(
                EVENT, INVOICE, "KEEL-2026-000043", USER, SUBSCRIPTION, PRICE, "visa", "4242", START, OCCURRED);

        assertThat(payload(WebhookData.InvoicePaid.of(event))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"invoice.paid",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "invoiceId":"33333333-3333-3333-3333-333333333333","number":"KEEL-2026-000043",
                "userId":"11111111-1111-1111-1111-111111111111",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "amountPaid":{"amount":1999,"currency":"EUR"},"cardBrand":"visa","cardLast4":"4242",
                "paidAt":"2026-11-01T00:00:00Z","occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    @Test
    void paymentFailed() {
        var retried = new PaymentFailed(
                EVENT, INVOICE, "KEEL-2026-000044", USER, SUBSCRIPTION, PRICE, "card_declined", 2, END, OCCURRED);
        var last = new PaymentFailed(
                EVENT, INVOICE, "KEEL-2026-000044", USER, null, PRICE, "insufficient_funds", 4, null, OCCURRED);

        assertThat(payload(WebhookData.PaymentFailed.of(retried))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"payment.failed",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "invoiceId":"33333333-3333-3333-3333-333333333333","number":"KEEL-2026-000044",
                "userId":"11111111-1111-1111-1111-111111111111",
                "subscriptionId":"22222222-2222-2222-2222-222222222222",
                "amountDue":{"amount":1999,"currency":"EUR"},"declineCode":"card_declined","attemptCount":2,
                "nextPaymentAttemptAt":"2026-12-01T00:00:00Z","occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
        assertThat(payload(WebhookData.PaymentFailed.of(last))).isEqualTo(oneLine("""
                {"id":"44444444-4444-4444-4444-444444444444","type":"payment.failed",
                "createdAt":"2026-11-22T10:15:30Z",
                "data":{"eventId":"44444444-4444-4444-4444-444444444444",
                "invoiceId":"33333333-3333-3333-3333-333333333333","number":"KEEL-2026-000044",
                "userId":"11111111-1111-1111-1111-111111111111","subscriptionId":null,
                "amountDue":{"amount":1999,"currency":"EUR"},"declineCode":"insufficient_funds",
                "attemptCount":4,"nextPaymentAttemptAt":null,"occurredAt":"2026-11-22T10:15:30.123456Z"}}
                """));
    }

    /** What a delivery of the event {@link #EVENT}, which occurred at {@link #OCCURRED}, posts. */
    private String payload(WebhookData data) {
        return json.writeValueAsString(WebhookPayload.of(EVENT, OCCURRED, data));
    }

    /** The expected JSON, broken into lines here only to be read. */
    private static String oneLine(String lines) {
        return lines.replace("\n", "");
    }
}
