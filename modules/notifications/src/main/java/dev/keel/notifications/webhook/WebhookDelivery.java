package dev.keel.notifications.webhook;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One event owed to one webhook endpoint, with the outcome of its latest attempt. */
@Entity
@Table(name = "webhook_deliveries")
class WebhookDelivery {

    enum Status {
        PENDING,
        SUCCEEDED,
        RETRYING,
        FAILED
    }

    @Id
    private UUID id;

    private UUID endpointId;

    private UUID eventId;

    private String eventType;

    @Enumerated(EnumType.STRING)
    private Status status;

    private int attempts;

    private @Nullable Integer lastStatusCode;

    private @Nullable String lastError;

    private @Nullable Instant nextAttemptAt;

    private Instant createdAt;

    @SuppressWarnings("NullAway.Init")
    protected WebhookDelivery() {}

    UUID id() {
        return id;
    }

    UUID endpointId() {
        return endpointId;
    }

    UUID eventId() {
        return eventId;
    }

    String eventType() {
        return eventType;
    }

    Status status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    @Nullable
    Integer lastStatusCode() {
        return lastStatusCode;
    }

    @Nullable
    String lastError() {
        return lastError;
    }

    @Nullable
    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    Instant createdAt() {
        return createdAt;
    }
}
