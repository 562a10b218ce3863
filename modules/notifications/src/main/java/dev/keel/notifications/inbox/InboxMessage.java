package dev.keel.notifications.inbox;

import dev.keel.notifications.message.Category;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An in-app message: delivered the moment it is stored. */
@Entity
@Table(name = "inbox_messages")
class InboxMessage {

    @Id
    private UUID id;

    @SuppressWarnings("UnusedVariable") // queried, never read
    private UUID userId;

    @SuppressWarnings("UnusedVariable") // the deduplication key, never read
    private UUID eventId;

    @Enumerated(EnumType.STRING)
    private Category category;

    private String type;

    private String title;

    private String body;

    private String data;

    private Instant createdAt;

    private @Nullable Instant readAt;

    @SuppressWarnings("NullAway.Init")
    protected InboxMessage() {}

    UUID id() {
        return id;
    }

    Category category() {
        return category;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    String body() {
        return body;
    }

    String data() {
        return data;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable
    Instant readAt() {
        return readAt;
    }
}
