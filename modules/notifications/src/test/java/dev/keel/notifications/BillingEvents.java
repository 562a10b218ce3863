package dev.keel.notifications;

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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The billing module's events as it publishes them, for one user. */
final class BillingEvents {

    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    static final Money PRICE = Money.of(1999, "EUR");

    private BillingEvents() {}

    static InvoiceIssued invoiceIssued(UUID userId) {
        return new InvoiceIssued(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "KEEL-2026-000042",
                userId,
                UUID.randomUUID(),
                PRICE,
                PRICE,
                NOW,
                NOW.plus(Duration.ofDays(7)),
                NOW);
    }

    static InvoicePaid invoicePaid(UUID userId) {
        return new InvoicePaid(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "KEEL-2026-000043",
                userId,
                UUID.randomUUID(),
                PRICE,
                "visa",
                "4242",
                NOW,
                NOW);
    }

    static PaymentFailed paymentFailed(UUID userId) {
        return new PaymentFailed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "KEEL-2026-000044",
                userId,
                UUID.randomUUID(),
                PRICE,
                "card_declined",
                1,
                Instant.parse("2026-11-25T10:15:30Z"),
                NOW);
    }

    static TrialWillEnd trialWillEnd(UUID userId) {
        return new TrialWillEnd(
                UUID.randomUUID(), UUID.randomUUID(), userId, "pro", "Pro", PRICE, NOW.plus(3, ChronoUnit.DAYS), NOW);
    }

    static SubscriptionCanceled subscriptionCanceled(UUID userId) {
        return new SubscriptionCanceled(
                UUID.randomUUID(),
                UUID.randomUUID(),
                userId,
                "pro",
                "Pro",
                SubscriptionCanceled.Reason.REQUESTED,
                NOW,
                NOW);
    }

    static SubscriptionStarted subscriptionStarted(UUID userId) {
        return new SubscriptionStarted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                userId,
                "pro",
                "Pro",
                SubscriptionStatus.ACTIVE,
                NOW,
                NOW.plus(30, ChronoUnit.DAYS),
                null,
                NOW);
    }

    static SubscriptionRenewed subscriptionRenewed(UUID userId) {
        return new SubscriptionRenewed(
                UUID.randomUUID(), UUID.randomUUID(), userId, "pro", "Pro", NOW, NOW.plus(30, ChronoUnit.DAYS), NOW);
    }

    static SubscriptionPlanChanged planChanged(UUID userId) {
        return new SubscriptionPlanChanged(
                UUID.randomUUID(), UUID.randomUUID(), userId, "basic", "pro", "Pro", true, NOW, NOW);
    }
}
