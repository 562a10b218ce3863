package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/**
 * An account was deleted and its personal data erased. Every module removes what it holds for the user;
 * the email is included once so that a goodbye message can still be sent.
 *
 * @param eventId unique per event, stable across redeliveries: receivers deduplicate by it
 */
public record UserDeleted(UUID eventId, UUID userId, String email, Instant deletedAt, Instant occurredAt) {}
