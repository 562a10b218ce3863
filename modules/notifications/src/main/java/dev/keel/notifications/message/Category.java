package dev.keel.notifications.message;

import java.util.Locale;

/** What a message is about; preferences are kept per category. Security messages are always emailed. */
public enum Category {
    ACCOUNT,
    BILLING,
    SECURITY;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
