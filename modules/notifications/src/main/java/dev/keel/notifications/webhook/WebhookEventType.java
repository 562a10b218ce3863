package dev.keel.notifications.webhook;

import dev.keel.notifications.message.Category;
import java.util.Arrays;
import java.util.Optional;

/** The event types webhook endpoints can subscribe to, by the names of the API contract. */
public enum WebhookEventType {
    USER_REGISTERED("user.registered", Category.ACCOUNT),
    USER_DELETED("user.deleted", Category.ACCOUNT),
    SUBSCRIPTION_STARTED("subscription.started", Category.BILLING),
    SUBSCRIPTION_RENEWED("subscription.renewed", Category.BILLING),
    SUBSCRIPTION_PLAN_CHANGED("subscription.plan_changed", Category.BILLING),
    SUBSCRIPTION_CANCELED("subscription.canceled", Category.BILLING),
    TRIAL_WILL_END("trial.will_end", Category.BILLING),
    INVOICE_ISSUED("invoice.issued", Category.BILLING),
    INVOICE_PAID("invoice.paid", Category.BILLING),
    PAYMENT_FAILED("payment.failed", Category.BILLING);

    /** Subscribes an endpoint to every type, including those added later. */
    static final String ALL = "*";

    private final String wireName;
    private final Category category;

    WebhookEventType(String wireName, Category category) {
        this.wireName = wireName;
        this.category = category;
    }

    /** Whose preferences decide whether the event goes to webhooks. */
    public Category category() {
        return category;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<WebhookEventType> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(name))
                .findFirst();
    }
}
