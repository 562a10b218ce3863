package dev.keel.notifications.email;

import dev.keel.notifications.message.MessageRenderer;
import dev.keel.notifications.message.MessageType;
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
 * The email channel's delivery records: {@code OWED} when the event is handled, then {@code SENT}, or
 * {@code RETRYING} on the retry schedule until {@code FAILED}. Claimed with {@code FOR UPDATE SKIP LOCKED}
 * and a lease, so each is sent by one replica at a time.
 */
@Component
public class EmailDeliveries {

    /** A claimed delivery, ready to send. */
    public record Claimed(UUID id, String recipient, String subject, String text, String html, int attempts) {}

    private final JdbcClient jdbc;

    EmailDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an email as owed, once per event and user. */
    public void owe(
            UUID eventId,
            UUID userId,
            String recipient,
            MessageType type,
            MessageRenderer.Rendered rendered,
            Instant now) {
        jdbc.sql("""
                        insert into email_deliveries (id, event_id, user_id, recipient, type, subject, text_body, html_body,
                                                      status, attempts, next_attempt_at, created_at)
                        values (:id, :eventId, :userId, :recipient, :type, :subject, :text, :html, 'OWED', 0, :now, :now)
                        on conflict (event_id, user_id) do nothing
                        """)
                .param("id", Ids.newId())
                .param("eventId", eventId)
                .param("userId", userId)
                .param("recipient", recipient)
                .param("type", type.key())
                .param("subject", rendered.subject())
                .param("text", rendered.text())
                .param("html", rendered.html())
                .param("now", utc(now))
                .update();
    }

    public List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update email_deliveries set next_attempt_at = :leaseUntil
                        where id in (select id from email_deliveries
                                     where status in ('OWED', 'RETRYING') and next_attempt_at <= :now
                                     order by next_attempt_at limit :limit for update skip locked)
                        returning id, recipient, subject, text_body, html_body, attempts
                        """)
                .param("leaseUntil", utc(leaseUntil))
                .param("now", utc(now))
                .param("limit", limit)
                .query((row, n) -> new Claimed(
                        row.getObject("id", UUID.class),
                        row.getString("recipient"),
                        row.getString("subject"),
                        row.getString("text_body"),
                        row.getString("html_body"),
                        row.getInt("attempts")))
                .list();
    }

    /** Marks a delivery sent; the bodies (which may carry one-time links) are not kept. */
    public void sent(UUID id, Instant now) {
        jdbc.sql("""
                        update email_deliveries set status = 'SENT', attempts = attempts + 1, sent_at = :now,
                               next_attempt_at = null, last_error = null, text_body = '', html_body = ''
                        where id = :id
                        """).param("id", id).param("now", utc(now)).update();
    }

    /**
     * Records a failed attempt: retried at {@code nextAttempt}, or failed for good when it is null.
     *
     * @param error shown in the delivery log; the caller keeps it within the column's 500 characters
     */
    public void attemptFailed(UUID id, String error, @Nullable Instant nextAttempt) {
        jdbc.sql("""
                        update email_deliveries
                        set status = case when cast(:next as timestamptz) is null then 'FAILED' else 'RETRYING' end,
                            attempts = attempts + 1, last_error = :error, next_attempt_at = :next
                        where id = :id
                        """)
                .param("id", id)
                .param("error", error)
                .param("next", utc(nextAttempt))
                .update();
    }

    /** Forgets what was owed to a deleted user, except the goodbye still to be sent. */
    public void forget(UUID userId, UUID keepEventId) {
        jdbc.sql("delete from email_deliveries where user_id = :userId and event_id <> :keep")
                .param("userId", userId)
                .param("keep", keepEventId)
                .update();
    }

    public int purgeFinishedBefore(Instant before) {
        return jdbc.sql("delete from email_deliveries where status in ('SENT', 'FAILED') and created_at < ?")
                .param(utc(before))
                .update();
    }

    /** The JDBC driver binds {@code timestamp with time zone} as {@link OffsetDateTime}, not Instant. */
    @Nullable
    private static OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
