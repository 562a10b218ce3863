package dev.keel.notifications.webhook;

import dev.keel.platform.persistence.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A URL a user registered to receive events. Its signing secret is stored encrypted (see
 * {@link WebhookSecrets}); an endpoint that fails for too long is disabled.
 */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint {

    enum Status {
        ENABLED,
        DISABLED
    }

    @Id
    private UUID id;

    private UUID userId;

    private String url;

    private String events;

    private @Nullable String description;

    @Enumerated(EnumType.STRING)
    private Status status;

    private String secret;

    private Instant createdAt;

    @SuppressWarnings("UnusedVariable") // written by the delivery worker's SQL, cleared here
    private @Nullable Instant failingSince;

    @SuppressWarnings("UnusedVariable") // queried, never read
    private @Nullable Instant removedAt;

    @SuppressWarnings("NullAway.Init")
    protected WebhookEndpoint() {}

    WebhookEndpoint(
            UUID userId,
            String url,
            List<String> events,
            @Nullable String description,
            String storedSecret,
            Instant now) {
        this.id = Ids.newId();
        this.userId = userId;
        this.url = url;
        this.events = String.join(",", events);
        this.description = description;
        this.status = Status.ENABLED;
        this.secret = storedSecret;
        this.createdAt = now;
    }

    public boolean subscribesTo(WebhookEventType type) {
        var subscribed = eventList();
        return subscribed.contains(WebhookEventType.ALL) || subscribed.contains(type.wireName());
    }

    /** Manual retries enable a disabled endpoint again: its owner says the receiver is fixed. */
    void enable() {
        this.status = Status.ENABLED;
        this.failingSince = null;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String url() {
        return url;
    }

    List<String> eventList() {
        return Arrays.asList(events.split(","));
    }

    @Nullable
    String description() {
        return description;
    }

    Status status() {
        return status;
    }

    String storedSecret() {
        return secret;
    }

    Instant createdAt() {
        return createdAt;
    }
}
