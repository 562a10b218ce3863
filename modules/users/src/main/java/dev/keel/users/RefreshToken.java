package dev.keel.users;

import dev.keel.platform.persistence.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One refresh token of a rotation family, stored as a hash. A token is used once; presenting a used one
 * again means it leaked, and the whole family is revoked.
 */
@Entity
@SuppressWarnings("UnusedVariable") // the columns are read by queries and by JPA, not through getters
@Table(name = "refresh_tokens")
class RefreshToken {

    @Id
    private UUID id;

    private UUID userId;

    private UUID familyId;

    private String tokenHash;

    private Instant createdAt;

    private Instant expiresAt;

    private @Nullable Instant usedAt;

    private @Nullable Instant revokedAt;

    @SuppressWarnings("NullAway.Init")
    protected RefreshToken() {}

    RefreshToken(UUID userId, UUID familyId, String tokenHash, Instant now, Instant expiresAt) {
        this.id = Ids.newId();
        this.userId = userId;
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    UUID userId() {
        return userId;
    }

    UUID familyId() {
        return familyId;
    }

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
