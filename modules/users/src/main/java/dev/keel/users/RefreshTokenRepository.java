package dev.keel.users;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

    Optional<RefreshToken> findByTokenHash(String tokenHash);

    /** Marks a token used if it still may be used; the single row update makes rotation race-free. */
    @Modifying
    @Query("""
            update RefreshToken t set t.usedAt = :now
            where t.tokenHash = :tokenHash and t.usedAt is null and t.revokedAt is null and t.expiresAt > :now
            """)
    int markUsed(String tokenHash, Instant now);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :now where t.familyId = :familyId and t.revokedAt is null")
    int revokeFamily(UUID familyId, Instant now);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :now where t.userId = :userId and t.revokedAt is null")
    int revokeAllOf(UUID userId, Instant now);

    @Modifying
    @Query("delete from RefreshToken t where t.userId = :userId")
    int deleteAllOf(UUID userId);

    @Modifying
    @Query("delete from RefreshToken t where t.expiresAt < :before")
    int deleteExpired(Instant before);
}
