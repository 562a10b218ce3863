package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/**
 * An account was deleted and its personal data erased. Every module removes what it holds for the user;
 * the email is included once so that a goodbye message can still be sent.
 */
public record UserDeleted(UUID userId, String email, Instant deletedAt) {}
