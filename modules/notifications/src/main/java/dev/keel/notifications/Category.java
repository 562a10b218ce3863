package dev.keel.notifications;

import java.util.Locale;

/** What a message is about; preferences are kept per category. Security messages are always emailed. */
enum Category {
    ACCOUNT,
    BILLING,
    SECURITY;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
