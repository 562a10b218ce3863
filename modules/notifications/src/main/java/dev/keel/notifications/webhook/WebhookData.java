package dev.keel.notifications.webhook;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of a webhook delivery: one record per {@link WebhookEventType}, version {@value #VERSION}
 * of Keel's public webhook API (see the webhook section of {@code docs/api-guide.md}). These records, not the
 * events of users and billing, decide the JSON receivers get, so another module can refactor its events
 * without changing what Keel promises. Components serialize in declaration order, with their names; instants
 * as ISO-8601 in UTC, enums by name, amounts as {@link Amount}. Adding a component is compatible; renaming,
 * removing or changing one is a new version. {@code WebhookPayloadTests} pins the JSON of every type.
 */
public sealed interface WebhookData {

    /** The version of these payloads; receivers can rely on their fields until it changes. */
    int VERSION = 1;

    /** The event type this data is delivered as. */
    WebhookEventType type();

    /**
     * An amount of money, as in the billing module.
     *
     * @param amount integer minor units (cents) of {@code currency}
     * @param currency the ISO 4217 code, upper case
     */
    record Amount(long amount, String currency) {

        static Amount of(dev.keel.billing.Money money) {
            return new Amount(money.amount(), money.currency());
        }
    }

    record UserRegistered(UUID userId, String email, String displayName, Instant registeredAt) implements WebhookData {

        public static UserRegistered of(dev.keel.users.UserRegistered event) {
            return new UserRegistered(event.userId(), event.email(), event.displayName(), event.registeredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.USER_REGISTERED;
        }
    }

    record UserDeleted(UUID userId, String email, Instant deletedAt) implements WebhookData {

        public static UserDeleted of(dev.keel.users.UserDeleted event) {
            return new UserDeleted(event.userId(), event.email(), event.deletedAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.USER_DELETED;
        }
    }

    /**
     * {@code subscription.started}.
     *
     * @param status {@code TRIALING}, {@code ACTIVE} or {@code INCOMPLETE}
     */
    record SubscriptionStarted(
            UUID eventId,
            UUID subscriptionId,
            UUID userId,
            String planCode,
            String planName,
            String status,
            Instant currentPeriodStart,
            Instant currentPeriodEnd,
            @Nullable Instant trialEnd,
            Instant occurredAt)
            implements WebhookData {

        public static SubscriptionStarted of(dev.keel.billing.SubscriptionStarted event) {
            return new SubscriptionStarted(
                    event.eventId(),
                    event.subscriptionId(),
                    event.userId(),
                    event.planCode(),
                    event.planName(),
                    event.status().name(),
                    event.currentPeriodStart(),
                    event.currentPeriodEnd(),
                    event.trialEnd(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.SUBSCRIPTION_STARTED;
        }
    }

    record SubscriptionRenewed(
            UUID eventId,
            UUID subscriptionId,
            UUID userId,
            String planCode,
            String planName,
            Instant currentPeriodStart,
            Instant currentPeriodEnd,
            Instant occurredAt)
            implements WebhookData {

        public static SubscriptionRenewed of(dev.keel.billing.SubscriptionRenewed event) {
            return new SubscriptionRenewed(
                    event.eventId(),
                    event.subscriptionId(),
                    event.userId(),
                    event.planCode(),
                    event.planName(),
                    event.currentPeriodStart(),
                    event.currentPeriodEnd(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.SUBSCRIPTION_RENEWED;
        }
    }

    record SubscriptionPlanChanged(
            UUID eventId,
            UUID subscriptionId,
            UUID userId,
            String fromPlanCode,
            String toPlanCode,
            String toPlanName,
            boolean upgrade,
            Instant effectiveAt,
            Instant occurredAt)
            implements WebhookData {

        public static SubscriptionPlanChanged of(dev.keel.billing.SubscriptionPlanChanged event) {
            return new SubscriptionPlanChanged(
                    event.eventId(),
                    event.subscriptionId(),
                    event.userId(),
                    event.fromPlanCode(),
                    event.toPlanCode(),
                    event.toPlanName(),
                    event.upgrade(),
                    event.effectiveAt(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.SUBSCRIPTION_PLAN_CHANGED;
        }
    }

    /**
     * {@code subscription.canceled}.
     *
     * @param reason {@code REQUESTED}, {@code PAYMENT_FAILED}, {@code INVOICE_VOIDED}, {@code INCOMPLETE_EXPIRED}
     *     or {@code ACCOUNT_DELETED}
     */
    record SubscriptionCanceled(
            UUID eventId,
            UUID subscriptionId,
            UUID userId,
            String planCode,
            String planName,
            String reason,
            Instant canceledAt,
            Instant occurredAt)
            implements WebhookData {

        public static SubscriptionCanceled of(dev.keel.billing.SubscriptionCanceled event) {
            return new SubscriptionCanceled(
                    event.eventId(),
                    event.subscriptionId(),
                    event.userId(),
                    event.planCode(),
                    event.planName(),
                    event.reason().name(),
                    event.canceledAt(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.SUBSCRIPTION_CANCELED;
        }
    }

    record TrialWillEnd(
            UUID eventId,
            UUID subscriptionId,
            UUID userId,
            String planCode,
            String planName,
            Amount price,
            Instant trialEnd,
            Instant occurredAt)
            implements WebhookData {

        public static TrialWillEnd of(dev.keel.billing.TrialWillEnd event) {
            return new TrialWillEnd(
                    event.eventId(),
                    event.subscriptionId(),
                    event.userId(),
                    event.planCode(),
                    event.planName(),
                    Amount.of(event.price()),
                    event.trialEnd(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.TRIAL_WILL_END;
        }
    }

    record InvoiceIssued(
            UUID eventId,
            UUID invoiceId,
            String number,
            UUID userId,
            @Nullable UUID subscriptionId,
            Amount total,
            Amount amountDue,
            Instant issuedAt,
            Instant dueAt,
            Instant occurredAt)
            implements WebhookData {

        public static InvoiceIssued of(dev.keel.billing.InvoiceIssued event) {
            return new InvoiceIssued(
                    event.eventId(),
                    event.invoiceId(),
                    event.number(),
                    event.userId(),
                    event.subscriptionId(),
                    Amount.of(event.total()),
                    Amount.of(event.amountDue()),
                    event.issuedAt(),
                    event.dueAt(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.INVOICE_ISSUED;
        }
    }

    record InvoicePaid(
            UUID eventId,
            UUID invoiceId,
            String number,
            UUID userId,
            @Nullable UUID subscriptionId,
            Amount amountPaid,
            String cardBrand,
            String cardLast4,
            Instant paidAt,
            Instant occurredAt)
            implements WebhookData {

        public static InvoicePaid of(dev.keel.billing.InvoicePaid event) {
            return new InvoicePaid(
                    event.eventId(),
                    event.invoiceId(),
                    event.number(),
                    event.userId(),
                    event.subscriptionId(),
                    Amount.of(event.amountPaid()),
                    event.cardBrand(),
                    event.cardLast4(),
                    event.paidAt(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.INVOICE_PAID;
        }
    }

    /**
     * {@code payment.failed}.
     *
     * @param declineCode {@code card_declined} or {@code insufficient_funds}
     * @param nextPaymentAttemptAt null when Keel will not try again
     */
    record PaymentFailed(
            UUID eventId,
            UUID invoiceId,
            String number,
            UUID userId,
            @Nullable UUID subscriptionId,
            Amount amountDue,
            String declineCode,
            int attemptCount,
            @Nullable Instant nextPaymentAttemptAt,
            Instant occurredAt)
            implements WebhookData {

        public static PaymentFailed of(dev.keel.billing.PaymentFailed event) {
            return new PaymentFailed(
                    event.eventId(),
                    event.invoiceId(),
                    event.number(),
                    event.userId(),
                    event.subscriptionId(),
                    Amount.of(event.amountDue()),
                    event.declineCode(),
                    event.attemptCount(),
                    event.nextPaymentAttemptAt(),
                    event.occurredAt());
        }

        @Override
        public WebhookEventType type() {
            return WebhookEventType.PAYMENT_FAILED;
        }
    }
}
