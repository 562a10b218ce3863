package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A user asked to verify their email address. Carries the single-use token for the email; only its hash
 * is stored by the users module.
 *
 * @param eventId unique per event, stable across redeliveries: receivers deduplicate by it
 */
public record EmailVerificationRequested(
        UUID eventId,
        UUID userId,
        String email,
        String displayName,
        String token,
        Instant expiresAt,
        Instant occurredAt) {}
