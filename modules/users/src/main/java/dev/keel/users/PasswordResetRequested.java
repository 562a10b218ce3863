package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone asked to reset the password of an existing account. Carries the single-use token for the email;
 * only its hash is stored by the users module.
 *
 * @param eventId unique per event, stable across redeliveries: receivers deduplicate by it
 */
public record PasswordResetRequested(
        UUID eventId,
        UUID userId,
        String email,
        String displayName,
        String token,
        Instant expiresAt,
        Instant occurredAt) {}
