package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription moved to another plan: an upgrade at once (with a proration invoice) or a downgrade at
 * the end of the period.
 *
 * @param upgrade true when the new plan costs more per day
 */
public record SubscriptionPlanChanged(
        UUID eventId,
        UUID subscriptionId,
        UUID userId,
        String fromPlanCode,
        String toPlanCode,
        String toPlanName,
        boolean upgrade,
        Instant effectiveAt,
        Instant occurredAt) {}
