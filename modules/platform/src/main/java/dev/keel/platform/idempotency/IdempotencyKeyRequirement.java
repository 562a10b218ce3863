package dev.keel.platform.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.modulith.NamedInterface;

/**
 * A module's POST endpoints that refuse to run without an {@code Idempotency-Key} (400
 * {@code idempotency_key_required}), such as payments.
 */
@FunctionalInterface
@NamedInterface("idempotency")
public interface IdempotencyKeyRequirement {

    boolean requiresKey(HttpServletRequest request);
}
