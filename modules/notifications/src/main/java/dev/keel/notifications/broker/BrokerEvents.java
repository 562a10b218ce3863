package dev.keel.notifications.broker;

import dev.keel.billing.InvoiceIssued;
import dev.keel.billing.InvoicePaid;
import dev.keel.billing.PaymentFailed;
import dev.keel.billing.SubscriptionCanceled;
import dev.keel.billing.SubscriptionPlanChanged;
import dev.keel.billing.SubscriptionRenewed;
import dev.keel.billing.SubscriptionStarted;
import dev.keel.billing.TrialWillEnd;
import dev.keel.notifications.webhook.WebhookData;
import dev.keel.notifications.webhook.WebhookPayload;
import dev.keel.users.UserDeleted;
import dev.keel.users.UserRegistered;
import java.util.Set;

/** Which events of users and billing go to the broker, and as what: exactly those webhooks carry. */
final class BrokerEvents {

    /**
     * The events that go out, told by their type alone: Spring Modulith asks for every event published, and
     * twice for one it sends, so the question must not build the message. (The events are records, so final.)
     */
    private static final Set<Class<?>> EXTERNALIZED = Set.of(
            UserRegistered.class,
            UserDeleted.class,
            SubscriptionStarted.class,
            SubscriptionRenewed.class,
            SubscriptionPlanChanged.class,
            SubscriptionCanceled.class,
            TrialWillEnd.class,
            InvoiceIssued.class,
            InvoicePaid.class,
            PaymentFailed.class);

    private BrokerEvents() {}

    static boolean externalized(Object event) {
        return EXTERNALIZED.contains(event.getClass());
    }

    /** The message of an {@link #externalized} event, built once per send. */
    static BrokerMessage of(Object event) {
        return switch (event) {
            case UserRegistered e ->
                BrokerMessage.of(
                        WebhookPayload.idOr(
                                e.eventId(), "user.registered", e.userId().toString()),
                        e.registeredAt(),
                        WebhookData.UserRegistered.of(e));
            case UserDeleted e ->
                BrokerMessage.of(
                        WebhookPayload.idOr(
                                e.eventId(), "user.deleted", e.userId().toString()),
                        e.deletedAt(),
                        WebhookData.UserDeleted.of(e));
            case SubscriptionStarted e ->
                BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.SubscriptionStarted.of(e));
            case SubscriptionRenewed e ->
                BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.SubscriptionRenewed.of(e));
            case SubscriptionPlanChanged e ->
                BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.SubscriptionPlanChanged.of(e));
            case SubscriptionCanceled e ->
                BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.SubscriptionCanceled.of(e));
            case TrialWillEnd e -> BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.TrialWillEnd.of(e));
            case InvoiceIssued e -> BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.InvoiceIssued.of(e));
            case InvoicePaid e -> BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.InvoicePaid.of(e));
            case PaymentFailed e -> BrokerMessage.of(e.eventId(), e.occurredAt(), WebhookData.PaymentFailed.of(e));
            default -> throw new IllegalArgumentException("Not an event for the broker: " + event.getClass());
        };
    }
}
