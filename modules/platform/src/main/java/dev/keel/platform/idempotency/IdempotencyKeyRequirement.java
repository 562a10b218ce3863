package dev.keel.platform.idempotency;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A module's POST endpoints that refuse to run without an {@code Idempotency-Key} (400
 * {@code idempotency_key_required}), such as payments.
 */
@FunctionalInterface
public interface IdempotencyKeyRequirement {

    boolean requiresKey(HttpServletRequest request);
}
