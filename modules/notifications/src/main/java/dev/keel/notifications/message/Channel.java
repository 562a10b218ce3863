package dev.keel.notifications.message;

/** The ways a message reaches a user. */
public enum Channel {
    EMAIL,
    IN_APP,
    WEBHOOK
}
