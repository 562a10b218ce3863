package dev.keel.notifications;

/** The ways a message reaches a user. */
enum Channel {
    EMAIL,
    IN_APP,
    WEBHOOK
}
