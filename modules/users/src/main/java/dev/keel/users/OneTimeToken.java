package dev.keel.users;

import dev.keel.platform.persistence.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A single-use, expiring token mailed to a user (email verification, password reset), stored hashed. */
@Entity
@SuppressWarnings("UnusedVariable") // the columns are read by queries and by JPA, not through getters
@Table(name = "one_time_tokens")
class OneTimeToken {

    enum Purpose {
        EMAIL_VERIFICATION,
        PASSWORD_RESET
    }

    @Id
    private UUID id;

    private UUID userId;

    @Enumerated(EnumType.STRING)
    private Purpose purpose;

    private String tokenHash;

    private Instant createdAt;

    private Instant expiresAt;

    private @Nullable Instant usedAt;

    @SuppressWarnings("NullAway.Init")
    protected OneTimeToken() {}

    OneTimeToken(UUID userId, Purpose purpose, String tokenHash, Instant now, Instant expiresAt) {
        this.id = Ids.newId();
        this.userId = userId;
        this.purpose = purpose;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    UUID userId() {
        return userId;
    }
}
