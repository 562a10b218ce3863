package dev.keel.billing.subscription;

import dev.keel.billing.cycle.DueWork;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface SubscriptionRepository extends JpaRepository<Subscription, UUID> {

    Optional<Subscription> findByIdAndUserId(UUID id, UUID userId);

    /** Newest first, starting after the cursor id. */
    @Query("""
            select s from Subscription s
            where s.userId = :userId and (:after is null or s.id < :after)
            order by s.id desc
            """)
    List<Subscription> findPage(UUID userId, @Nullable UUID after, Limit limit);

    @Query(
            "select s from Subscription s where s.userId = :userId and s.status <> dev.keel.billing.SubscriptionStatus.CANCELED")
    Optional<Subscription> findLive(UUID userId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query(
            "select s from Subscription s where s.userId = :userId and s.status <> dev.keel.billing.SubscriptionStatus.CANCELED")
    Optional<Subscription> lockLive(UUID userId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Subscription s where s.id = :id")
    Optional<Subscription> lock(UUID id);

    /** Subscriptions whose next billing work is due, in (due, id) order after a position. */
    @Query("""
            select new dev.keel.billing.cycle.DueWork(s.id, s.nextActionAt) from Subscription s
            where s.nextActionAt <= :now
              and (s.nextActionAt > :#{#after.due()} or (s.nextActionAt = :#{#after.due()} and s.id > :#{#after.id()}))
            order by s.nextActionAt, s.id
            """)
    List<DueWork> findDue(Instant now, DueWork after, Limit limit);

    @Query("select min(s.nextActionAt) from Subscription s")
    @Nullable
    Instant nextActionAt();

    @Query("select count(s) > 0 from Subscription s where s.userId = :userId and s.trialEnd is not null")
    boolean hadTrial(UUID userId);

    @Query("select count(s) > 0 from Subscription s where s.planCode = :code or s.pendingPlanCode = :code")
    boolean usesPlan(String code);
}
