package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A user asked to verify their email address. Carries the single-use token for the email; only its hash
 * is stored by the users module.
 */
public record EmailVerificationRequested(
        UUID userId, String email, String displayName, String token, Instant expiresAt) {}
