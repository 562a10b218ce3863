package dev.keel.notifications.message;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The messages users receive. Each has a category, the channels it may use (token-bearing messages go by
 * email only), and a template of the same name.
 */
public enum MessageType {
    WELCOME(Category.ACCOUNT, Channel.EMAIL, Channel.IN_APP),
    EMAIL_VERIFICATION(Category.SECURITY, Channel.EMAIL),
    PASSWORD_RESET(Category.SECURITY, Channel.EMAIL, Channel.IN_APP),
    INVOICE_ISSUED(Category.BILLING, Channel.EMAIL, Channel.IN_APP),
    PAYMENT_RECEIPT(Category.BILLING, Channel.EMAIL, Channel.IN_APP),
    PAYMENT_FAILED(Category.BILLING, Channel.EMAIL, Channel.IN_APP),
    TRIAL_ENDING(Category.BILLING, Channel.EMAIL, Channel.IN_APP),
    SUBSCRIPTION_CANCELED(Category.BILLING, Channel.EMAIL, Channel.IN_APP),
    ACCOUNT_DELETED(Category.ACCOUNT, Channel.EMAIL),
    WEBHOOK_ENDPOINT_DISABLED(Category.ACCOUNT, Channel.EMAIL, Channel.IN_APP);

    private final Category category;

    @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable copy
    private final Set<Channel> channels;

    MessageType(Category category, Channel first, Channel... more) {
        this.category = category;
        this.channels = Collections.unmodifiableSet(EnumSet.of(first, more));
    }

    public Category category() {
        return category;
    }

    public boolean uses(Channel channel) {
        return channels.contains(channel);
    }

    /** The name clients see ({@code payment_failed}) and the template's file name. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
