package dev.keel.notifications.delivery;

import dev.keel.billing.InvoiceIssued;
import dev.keel.billing.InvoicePaid;
import dev.keel.billing.PaymentFailed;
import dev.keel.billing.SubscriptionCanceled;
import dev.keel.billing.SubscriptionPlanChanged;
import dev.keel.billing.SubscriptionRenewed;
import dev.keel.billing.SubscriptionStarted;
import dev.keel.billing.TrialWillEnd;
import dev.keel.notifications.message.MessageModel;
import dev.keel.notifications.message.RecipientRepository;
import dev.keel.notifications.webhook.WebhookData;
import dev.keel.notifications.webhook.WebhookPayload;
import dev.keel.users.EmailVerificationRequested;
import dev.keel.users.PasswordResetRequested;
import dev.keel.users.UserDeleted;
import dev.keel.users.UserRegistered;
import java.time.Clock;
import java.time.Instant;
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
    private final RecipientRepository recipients;
    private final AccountErasure erasure;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final ErasedAccounts erased;

    NotificationListeners(
            Notifier notifier,
            RecipientRepository recipients,
            AccountErasure erasure,
            DeliveryWorker worker,
            Clock clock,
            ErasedAccounts erased) {
        this.notifier = notifier;
        this.recipients = recipients;
        this.erasure = erasure;
        this.worker = worker;
        this.clock = clock;
        this.erased = erased;
    }

    @ApplicationModuleListener
    void on(UserRegistered event) {
        if (erased.contains(event.userId())) {
            return; // resubmitted after the deletion: the address is gone and stays gone
        }
        recipients.upsert(event.userId(), event.email(), event.displayName());
        send(
                idOr(event.eventId(), "user.registered", event.userId().toString()),
                event.userId(),
                event.registeredAt(),
                new Notification.Message(new MessageModel.Welcome(), null),
                WebhookData.UserRegistered.of(event));
    }

    @ApplicationModuleListener
    void on(EmailVerificationRequested event) {
        // The token is in the email only: never in the inbox, a webhook or a log.
        send(
                idOr(event.eventId(), "email_verification", event.token()),
                event.userId(),
                occurredAtOr(event.occurredAt()),
                new Notification.Message(
                        new MessageModel.EmailVerification(event.token(), event.expiresAt()), event.email()),
                null);
    }

    @ApplicationModuleListener
    void on(PasswordResetRequested event) {
        send(
                idOr(event.eventId(), "password_reset", event.token()),
                event.userId(),
                occurredAtOr(event.occurredAt()),
                new Notification.Message(
                        new MessageModel.PasswordReset(event.token(), event.expiresAt()), event.email()),
                null);
    }

    @ApplicationModuleListener
    void on(UserDeleted event) {
        var eventId = idOr(event.eventId(), "user.deleted", event.userId().toString());
        send(
                eventId,
                event.userId(),
                event.deletedAt(),
                new Notification.Message(
                        new MessageModel.AccountDeleted(recipients.greetingName(event.userId())), event.email()),
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
        // A deleted account gets its goodbye from UserDeleted, not a message about its subscription.
        var message = event.reason() == SubscriptionCanceled.Reason.ACCOUNT_DELETED
                ? null
                : new Notification.Message(
                        new MessageModel.SubscriptionCanceled(
                                recipients.greetingName(event.userId()),
                                event.subscriptionId(),
                                event.planCode(),
                                event.planName(),
                                event.reason(),
                                event.canceledAt()),
                        null);
        send(event.eventId(), event.userId(), event.occurredAt(), message, WebhookData.SubscriptionCanceled.of(event));
    }

    @ApplicationModuleListener
    void on(TrialWillEnd event) {
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(
                        new MessageModel.TrialEnding(
                                recipients.greetingName(event.userId()),
                                event.subscriptionId(),
                                event.planName(),
                                event.price(),
                                event.trialEnd()),
                        null),
                WebhookData.TrialWillEnd.of(event));
    }

    @ApplicationModuleListener
    void on(InvoiceIssued event) {
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(
                        new MessageModel.InvoiceIssued(
                                recipients.greetingName(event.userId()),
                                event.invoiceId(),
                                event.number(),
                                event.amountDue(),
                                event.dueAt()),
                        null),
                WebhookData.InvoiceIssued.of(event));
    }

    @ApplicationModuleListener
    void on(InvoicePaid event) {
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(
                        new MessageModel.PaymentReceipt(
                                recipients.greetingName(event.userId()),
                                event.invoiceId(),
                                event.number(),
                                event.amountPaid(),
                                event.paidAt(),
                                event.cardBrand(),
                                event.cardLast4()),
                        null),
                WebhookData.InvoicePaid.of(event));
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
        send(
                event.eventId(),
                event.userId(),
                event.occurredAt(),
                new Notification.Message(
                        new MessageModel.PaymentFailed(
                                recipients.greetingName(event.userId()),
                                event.invoiceId(),
                                event.number(),
                                event.amountDue(),
                                event.declineCode(),
                                event.nextPaymentAttemptAt()),
                        null),
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

    /**
     * The event's id; or, for a users event published before those carried one (a publication stored
     * earlier in the event publication registry deserializes with a null id), the id derived then from what
     * makes the event unique: the user for registration and deletion, the single-use token otherwise. Any
     * channel that already recorded such an event under the derived id then owes nothing twice.
     */
    private static UUID idOr(@Nullable UUID eventId, String kind, String unique) {
        return WebhookPayload.idOr(eventId, kind, unique);
    }

    /** When the event occurred; the listener's time, as before, for a users event stored without it. */
    private Instant occurredAtOr(@Nullable Instant occurredAt) {
        return occurredAt != null ? occurredAt : clock.instant();
    }
}
