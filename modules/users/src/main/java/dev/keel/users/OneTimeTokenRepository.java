package dev.keel.users;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface OneTimeTokenRepository extends JpaRepository<OneTimeToken, UUID> {

    Optional<OneTimeToken> findByTokenHashAndPurpose(String tokenHash, OneTimeToken.Purpose purpose);

    /** Uses a token once: only the first of concurrent redemptions updates the row. */
    @Modifying
    @Query("""
            update OneTimeToken t set t.usedAt = :now
            where t.tokenHash = :tokenHash and t.purpose = :purpose and t.usedAt is null and t.expiresAt > :now
            """)
    int redeem(String tokenHash, OneTimeToken.Purpose purpose, Instant now);

    @Modifying
    @Query("delete from OneTimeToken t where t.userId = :userId")
    int deleteAllOf(UUID userId);

    @Modifying
    @Query("delete from OneTimeToken t where t.expiresAt < :before")
    int deleteExpired(Instant before);
}
