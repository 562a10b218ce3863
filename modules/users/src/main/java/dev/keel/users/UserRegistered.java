package dev.keel.users;

import java.time.Instant;
import java.util.UUID;

/** A new account was created. */
public record UserRegistered(UUID userId, String email, String displayName, Instant registeredAt) {}
