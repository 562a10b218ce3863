package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A new account was created.
 *
 * @param eventId unique per event, stable across redeliveries: receivers deduplicate by it
 */
public record UserRegistered(
        UUID eventId, UUID userId, String email, String displayName, Instant registeredAt, Instant occurredAt) {}
