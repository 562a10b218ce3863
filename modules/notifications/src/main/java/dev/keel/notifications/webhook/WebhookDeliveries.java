package dev.keel.notifications.webhook;

import dev.keel.platform.persistence.Ids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The webhook channel's delivery records and their schedule: {@code PENDING}, then {@code SUCCEEDED}, or
 * {@code RETRYING} until {@code FAILED}. The schedule lives in the table, so it survives restarts, and due
 * deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so each attempt is made by one
 * replica.
 */
@Component
public class WebhookDeliveries {

    /**
     * A claimed delivery with what is needed to send it.
     *
     * @param traceparent the trace of the work that owed it, continued by each attempt (none for deliveries
     *     owed outside any trace)
     */
    public record Claimed(
            UUID id,
            UUID endpointId,
            UUID eventId,
            String payload,
            int attempts,
            String url,
            String storedSecret,
            @Nullable String traceparent) {}

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a delivery owed to the endpoint. An endpoint disabled meanwhile (after the caller chose it)
     * gets the delivery already failed, as disabling fails its outstanding ones: the endpoint's row is
     * share-locked, so this waits for a disabling in progress and sees its outcome.
     */
    public void owe(
            UUID endpointId,
            UUID eventId,
            WebhookEventType type,
            String payload,
            @Nullable String traceparent,
            Instant now) {
        jdbc.sql("""
                        insert into webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts,
                                                        next_attempt_at, last_error, created_at, traceparent)
                        select :id, target.id, :eventId, :type, :payload,
                               case when target.enabled then 'PENDING' else 'FAILED' end, 0,
                               case when target.enabled then cast(:now as timestamptz) end,
                               case when target.enabled then null else 'Endpoint disabled' end, :now,
                               cast(:traceparent as varchar)
                        from (select id, status = 'ENABLED' as enabled from webhook_endpoints
                              where id = :endpointId for share) target
                        on conflict (event_id, endpoint_id) do nothing
                        """)
                .param("id", Ids.newId())
                .param("endpointId", endpointId)
                .param("eventId", eventId)
                .param("type", type.wireName())
                .param("payload", payload)
                .param("now", utc(now))
                .param("traceparent", traceparent)
                .update();
    }

    /** At most this many deliveries of one endpoint, and of one user's endpoints, are claimed at a time. */
    public static final int PER_ENDPOINT = 5;

    public static final int PER_USER = 10;

    /**
     * Claims up to {@code limit} due deliveries until {@code leaseUntil}, oldest first, but at most
     * {@link #PER_ENDPOINT} per endpoint and {@link #PER_USER} per user, so that a backlog of one slow
     * receiver (or one user's many endpoints) cannot fill every batch while others wait. The endpoints are
     * share-locked, and one being disabled is skipped: a disabling waits for claims in progress, so the
     * outstanding deliveries it fails include every one claimed before it.
     */
    public List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update webhook_deliveries d set next_attempt_at = :leaseUntil
                        from webhook_endpoints e
                        where e.id = d.endpoint_id
                          and d.id in (
                            select ranked.id from (
                              select locked.id, locked.next_attempt_at,
                                     row_number() over (partition by locked.endpoint_id
                                                        order by locked.next_attempt_at) as of_endpoint,
                                     row_number() over (partition by locked.user_id
                                                        order by locked.next_attempt_at) as of_user
                              from (select due.id, due.endpoint_id, target.user_id, due.next_attempt_at
                                    from webhook_deliveries due
                                    join webhook_endpoints target on target.id = due.endpoint_id
                                    where due.status in ('PENDING', 'RETRYING') and due.next_attempt_at <= :now
                                      and target.status = 'ENABLED'
                                    order by due.next_attempt_at limit :scan
                                    for update of due skip locked for share of target skip locked) locked) ranked
                            where ranked.of_endpoint <= :perEndpoint and ranked.of_user <= :perUser
                            order by ranked.next_attempt_at limit :limit)
                        returning d.id, d.endpoint_id, d.event_id, d.payload, d.attempts, e.url, e.secret, d.traceparent
                        """)
                .param("leaseUntil", utc(leaseUntil))
                .param("now", utc(now))
                .param("scan", limit * 10)
                .param("perEndpoint", PER_ENDPOINT)
                .param("perUser", PER_USER)
                .param("limit", limit)
                .query((row, n) -> new Claimed(
                        row.getObject("id", UUID.class),
                        row.getObject("endpoint_id", UUID.class),
                        row.getObject("event_id", UUID.class),
                        row.getString("payload"),
                        row.getInt("attempts"),
                        row.getString("url"),
                        row.getString("secret"),
                        row.getString("traceparent")))
                .list();
    }

    public void succeeded(Claimed delivery, int statusCode) {
        jdbc.sql("""
                        update webhook_deliveries set status = 'SUCCEEDED', attempts = attempts + 1,
                               last_status_code = :code, last_error = null, next_attempt_at = null
                        where id = :id
                        """).param("id", delivery.id()).param("code", statusCode).update();
        jdbc.sql("update webhook_endpoints set failing_since = null where id = ? and failing_since is not null")
                .param(delivery.endpointId())
                .update();
    }

    /**
     * Records a failed attempt, retried at {@code nextAttempt} or failed for good when it is null. A delivery
     * failed meanwhile (its endpoint was disabled) stays failed.
     *
     * @param error shown in the delivery log; the caller keeps it within the column's 500 characters
     * @return since when the endpoint has been failing without a success in between; null if it was deleted
     */
    @Nullable
    public Instant failed(
            Claimed delivery, @Nullable Integer statusCode, String error, @Nullable Instant nextAttempt, Instant now) {
        jdbc.sql("""
                        update webhook_deliveries
                        set status = case when cast(:next as timestamptz) is null then 'FAILED' else 'RETRYING' end,
                            attempts = attempts + 1, last_status_code = :code, last_error = :error, next_attempt_at = :next
                        where id = :id and status in ('PENDING', 'RETRYING')
                        """)
                .param("id", delivery.id())
                .param("code", statusCode)
                .param("error", error)
                .param("next", utc(nextAttempt))
                .update();
        return jdbc.sql("""
                        update webhook_endpoints set failing_since = coalesce(failing_since, :now) where id = :id
                        returning failing_since
                        """)
                .param("id", delivery.endpointId())
                .param("now", utc(now))
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant)
                .orElse(null);
    }

    /** The JDBC driver binds {@code timestamp with time zone} as {@link OffsetDateTime}, not Instant. */
    @Nullable
    private static OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
