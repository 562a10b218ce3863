package dev.keel.notifications.delivery;

import dev.keel.billing.InvoiceIssued;
import dev.keel.billing.InvoicePaid;
import dev.keel.billing.Money;
import dev.keel.billing.PaymentFailed;
import dev.keel.billing.SubscriptionCanceled;
import dev.keel.billing.SubscriptionPlanChanged;
import dev.keel.billing.SubscriptionRenewed;
import dev.keel.billing.SubscriptionStarted;
import dev.keel.billing.TrialWillEnd;
import dev.keel.notifications.message.MessageModels;
import dev.keel.notifications.message.MessageType;
import dev.keel.notifications.message.RecipientRepository;
import dev.keel.notifications.webhook.WebhookData;
import dev.keel.users.EmailVerificationRequested;
import dev.keel.users.PasswordResetRequested;
import dev.keel.users.UserDeleted;
import dev.keel.users.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns the events of users and billing into notifications. Each listener runs after the publishing
 * transaction committed, in a transaction of its own, on Spring Modulith's persistent event publication
 * registry: a listener that does not complete (crash, failure) is run again, and the records it writes are
 * unique per event, so a second run owes nothing twice.
 */
@Component
class NotificationListeners {

    private final Notifier notifier;
    private final MessageModels models;
    private final RecipientRepository recipients;
    private final AccountErasure erasure;
    private final DeliveryWorker worker;
    private final Clock clock;

    NotificationListeners(
            Notifier notifier,
            MessageModels models,
            RecipientRepository recipients,
            AccountErasure erasure,
            DeliveryWorker worker,
            Clock clock) {
        this.notifier = notifier;
        this.models = models;
        this.recipients = recipients;
        this.erasure = erasure;
        this.worker = worker;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(UserRegistered event) {
        recipients.upsert(event.userId(), event.email(), event.displayName());
        var model = models.named(event.displayName());
        model.put("link", models.link("/"));
        send(
                idOf("user.registered", event.userId().toString()),
                event.userId(),
                event.registeredAt(),
                new Notification.Message(MessageType.WELCOME, model, Map.of(), null),
                WebhookData.UserRegistered.of(event));
    }

    @ApplicationModuleListener
    void on(EmailVerificationRequested event) {
        var model = models.named(event.displayName());
        model.put("link", models.link("/verify-email", "token", event.token()));
        model.put("expiresAt", models.date(event.expiresAt()));
        // The token is in the email only: never in the inbox, a webhook or a log.
        send(
                idOf("email_verification", event.token()),
                event.userId(),
                clock.instant(),
                new Notification.Message(MessageType.EMAIL_VERIFICATION, model, Map.of(), event.email()),
                null);
    }

    @ApplicationModuleListener
    void on(PasswordResetRequested event) {
        var model = models.named(event.displayName());
        model.put("link", models.link("/reset-password", "token", event.token()));
        model.put("expiresAt", models.date(event.expiresAt()));
        send(
                idOf("password_reset", event.token()),
                event.userId(),
                clock.instant(),
                new Notification.Message(MessageType.PASSWORD_RESET, model, Map.of(), event.email()),
                null);
    }

    @ApplicationModuleListener
    void on(UserDeleted event) {
        var eventId = idOf("user.deleted", event.userId().toString());
        var model = models.forUser(event.userId());
        send(
                eventId,
                event.userId(),
                event.deletedAt(),
                new Notification.Message(MessageType.ACCOUNT_DELETED, model, Map.of(), event.email()),
                WebhookData.UserDeleted.of(event));
        erasure.erase(event.userId(), eventId, event.deletedAt());
    }

    @ApplicationModuleListener
    void on(SubscriptionStarted event) {
        send(event.eventId(), event.userId(), event.occurredAt(), null, WebhookData.SubscriptionStarted.of(event));
    }

    @ApplicationModuleListener
    void on(SubscriptionRenewed event) {
        send(event.eventId(), event.userId(), event.occurredAt(), null, WebhookData.SubscriptionRenewed.of(event));
    }

    @ApplicationModuleListener
    void on(SubscriptionPlanChanged event) {
        send(event.eventId(), event.userId(), event.occurredAt(), null, WebhookData.SubscriptionPlanChanged.of(event));
    }

    @ApplicationModuleListener
    void on(SubscriptionCanceled event) {
        Notification.Message message = null;
        // A deleted account gets its goodbye from UserDeleted, not a message about its subscription.
        if (event.reason() != SubscriptionCanceled.Reason.ACCOUNT_DELETED) {
            var model = models.forUser(event.userId());
            model.put("plan", event.planName());
            model.put("canceledAt", models.date(event.canceledAt()));
            model.put("link", models.link("/plans"));
            message = new Notification.Message(
                    MessageType.SUBSCRIPTION_CANCELED,
                    model,
                    data(
                            "subscriptionId",
                            event.subscriptionId(),
                            "planCode",
                            event.planCode(),
                            "reason",
                            event.reason()),
                    null);
        }
        send(event.eventId(), event.userId(), event.occurredAt(), message, WebhookData.SubscriptionCanceled.of(event));
    }

    @ApplicationModuleListener
    void on(TrialWillEnd event) {
        var model = models.forUser(event.userId());
        model.put("plan", event.planName());
        model.put("trialEnd", models.date(event.trialEnd()));
        model.put("amount", models.money(event.price()));
        model.put("link", models.link("/subscriptions/" + event.subscriptionId()));
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(
                        MessageType.TRIAL_ENDING,
                        model,
                        data("subscriptionId", event.subscriptionId(), "trialEnd", event.trialEnd()),
                        null),
                WebhookData.TrialWillEnd.of(event));
    }

    @ApplicationModuleListener
    void on(InvoiceIssued event) {
        var model = invoiceModel(event.userId(), event.invoiceId(), event.number(), event.amountDue());
        model.put("dueAt", models.date(event.dueAt()));
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(
                        MessageType.INVOICE_ISSUED,
                        model,
                        data("invoiceId", event.invoiceId(), "number", event.number(), "amountDue", event.amountDue()),
                        null),
                WebhookData.InvoiceIssued.of(event));
    }

    @ApplicationModuleListener
    void on(InvoicePaid event) {
        var model = invoiceModel(event.userId(), event.invoiceId(), event.number(), event.amountPaid());
        model.put("paidAt", models.date(event.paidAt()));
        model.put("card", event.cardBrand() + " ending in " + event.cardLast4());
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(
                        MessageType.PAYMENT_RECEIPT,
                        model,
                        data(
                                "invoiceId",
                                event.invoiceId(),
                                "number",
                                event.number(),
                                "amountPaid",
                                event.amountPaid()),
                        null),
                WebhookData.InvoicePaid.of(event));
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
        var model = invoiceModel(event.userId(), event.invoiceId(), event.number(), event.amountDue());
        model.put("reason", event.declineCode().equals("insufficient_funds") ? "insufficient funds" : "card declined");
        var next = event.nextPaymentAttemptAt();
        model.put("nextAttempt", next == null ? "" : models.date(next));
        var data = data("invoiceId", event.invoiceId(), "number", event.number(), "amountDue", event.amountDue());
        if (next != null) {
            data.put("nextPaymentAttemptAt", next);
        }
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(MessageType.PAYMENT_FAILED, model, data, null),
                WebhookData.PaymentFailed.of(event));
    }

    private void send(
            UUID eventId,
            UUID userId,
            Instant occurredAt,
            Notification.@Nullable Message message,
            @Nullable WebhookData webhook) {
        notifier.notify(new Notification(eventId, userId, occurredAt, message, webhook));
        worker.wakeAfterCommit();
    }

    /** What every invoice message shows: the invoice's number and amount, and a link to it. */
    private Map<String, String> invoiceModel(UUID userId, UUID invoiceId, String number, Money amount) {
        var model = models.forUser(userId);
        model.put("number", number);
        model.put("amount", models.money(amount));
        model.put("link", models.link("/invoices/" + invoiceId));
        return model;
    }

    /**
     * The users module's events carry no id; one derived from what makes each unique (the user for
     * registration and deletion, the single-use token otherwise) is stable across redeliveries.
     */
    private static UUID idOf(String kind, String unique) {
        return UUID.nameUUIDFromBytes((kind + ":" + unique).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> data(Object... pairs) {
        var data = new LinkedHashMap<String, Object>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            data.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return data;
    }
}
