package dev.keel.billing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user subscribed to a plan.
 *
 * @param eventId unique per event, stable across redeliveries: receivers deduplicate by it
 * @param status {@code TRIALING}, {@code ACTIVE} or {@code INCOMPLETE} (the first charge was declined)
 * @param trialEnd when the trial ends, for plans with a trial
 */
public record SubscriptionStarted(
        UUID eventId,
        UUID subscriptionId,
        UUID userId,
        String planCode,
        String planName,
        SubscriptionStatus status,
        Instant currentPeriodStart,
        Instant currentPeriodEnd,
        @Nullable Instant trialEnd,
        Instant occurredAt) {}
