package dev.keel.users;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<User, UUID> {

    @Query("select u from User u where lower(u.email) = lower(:email) and u.deletedAt is null")
    Optional<User> findByEmail(String email);

    @Query("select count(u) > 0 from User u where lower(u.email) = lower(:email) and u.deletedAt is null")
    boolean existsByEmail(String email);

    @Query("select u from User u where u.id = :id and u.deletedAt is null")
    Optional<User> findLive(UUID id);

    /**
     * Loads a live account and locks its row until the transaction ends. Every change to an account's
     * tokens or credentials takes this lock first, so a token rotation never interleaves with a
     * revocation (which could otherwise miss the token the rotation is inserting).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from User u where u.id = :id and u.deletedAt is null")
    Optional<User> lockLive(UUID id);

    /** Newest first, starting after the cursor id; filters are optional. */
    @Query("""
            select u from User u
            where u.deletedAt is null
              and (:after is null or u.id < :after)
              and (:email is null or lower(u.email) like lower(concat('%', cast(:email as String), '%')) escape '\\')
              and (:status is null or u.status = :status)
            order by u.id desc
            """)
    List<User> findPage(@Nullable UUID after, @Nullable String email, @Nullable UserStatus status, Limit limit);
}
