package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone asked to reset the password of an existing account. Carries the single-use token for the email;
 * only its hash is stored by the users module.
 */
public record PasswordResetRequested(UUID userId, String email, String displayName, String token, Instant expiresAt) {}
