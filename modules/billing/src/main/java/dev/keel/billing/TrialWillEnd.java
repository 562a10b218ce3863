package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;

/** A trial ends in three days; the first invoice of {@code price} follows at {@code trialEnd}. */
public record TrialWillEnd(
        UUID eventId,
        UUID subscriptionId,
        UUID userId,
        String planCode,
        String planName,
        Money price,
        Instant trialEnd,
        Instant occurredAt) {}
