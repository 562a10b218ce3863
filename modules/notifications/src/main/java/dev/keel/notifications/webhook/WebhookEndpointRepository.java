package dev.keel.notifications.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface WebhookEndpointRepository extends JpaRepository<WebhookEndpoint, UUID> {

    @Query("select e from WebhookEndpoint e where e.id = :id and e.userId = :userId and e.removedAt is null")
    Optional<WebhookEndpoint> findOwned(UUID userId, UUID id);

    @Query("""
            select e from WebhookEndpoint e
            where e.userId = :userId and e.removedAt is null and (:after is null or e.id < :after)
            order by e.id desc
            """)
    List<WebhookEndpoint> findPage(UUID userId, @Nullable UUID after, Limit limit);

    @Query("""
            select e from WebhookEndpoint e
            where e.userId = :userId and e.removedAt is null and e.status = dev.keel.notifications.webhook.WebhookEndpoint.Status.ENABLED
            """)
    List<WebhookEndpoint> findEnabled(UUID userId);

    @Query("select count(e) from WebhookEndpoint e where e.userId = :userId and e.removedAt is null")
    long countOwned(UUID userId);

    /** A deleted user's endpoints leave the API at once and go once their last deliveries are settled. */
    @Modifying
    @Query("update WebhookEndpoint e set e.removedAt = :now where e.userId = :userId and e.removedAt is null")
    int removeAllOf(UUID userId, Instant now);

    @Modifying
    @Query(value = """
            delete from webhook_endpoints e
            where e.removed_at is not null
              and (e.removed_at < :before
                   or not exists (select 1 from webhook_deliveries d
                                  where d.endpoint_id = e.id and d.status in ('PENDING', 'RETRYING')))
            """, nativeQuery = true)
    int purgeRemoved(Instant before);

    @Modifying
    @Query("update WebhookEndpoint e set e.failingSince = null where e.id = :id and e.failingSince is not null")
    int succeeded(UUID id);

    /** Disables the endpoint once: true only for the caller that changed it. */
    @Modifying
    @Query("""
            update WebhookEndpoint e set e.status = dev.keel.notifications.webhook.WebhookEndpoint.Status.DISABLED
            where e.id = :id and e.status = dev.keel.notifications.webhook.WebhookEndpoint.Status.ENABLED
            """)
    int disable(UUID id);
}
