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

public interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, UUID> {

    @Query("""
            select d from WebhookDelivery d
            where d.endpointId = :endpointId and (:after is null or d.id < :after)
            order by d.id desc
            """)
    List<WebhookDelivery> findPage(UUID endpointId, @Nullable UUID after, Limit limit);

    @Query("select d from WebhookDelivery d where d.id = :id and d.endpointId = :endpointId")
    Optional<WebhookDelivery> findOfEndpoint(UUID endpointId, UUID id);

    /** Due at once, whatever it was before; a failure after the last scheduled attempt fails it again. */
    @Modifying
    @Query("""
            update WebhookDelivery d
            set d.status = dev.keel.notifications.webhook.WebhookDelivery.Status.RETRYING, d.nextAttemptAt = :now
            where d.id = :id
            """)
    int retryNow(UUID id, Instant now);

    /** A disabled endpoint's outstanding deliveries fail; a manual retry brings one back. */
    @Modifying
    @Query(value = """
            update webhook_deliveries set status = 'FAILED', next_attempt_at = null, last_error = 'Endpoint disabled'
            where endpoint_id = :endpointId and status in ('PENDING', 'RETRYING')
            """, nativeQuery = true)
    int failOutstanding(UUID endpointId);

    @Modifying
    @Query(value = """
            delete from webhook_deliveries where status in ('SUCCEEDED', 'FAILED') and created_at < :before
            """, nativeQuery = true)
    int purgeFinishedBefore(Instant before);
}
