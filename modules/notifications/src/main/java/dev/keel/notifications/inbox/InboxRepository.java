package dev.keel.notifications.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface InboxRepository extends JpaRepository<InboxMessage, UUID> {

    /** Stores a message once per event and user; a redelivered event changes nothing. */
    @Modifying
    @Query(value = """
            insert into inbox_messages (id, user_id, event_id, category, type, title, body, data, created_at)
            values (:id, :userId, :eventId, :category, :type, :title, :body, :data, :createdAt)
            on conflict (event_id, user_id) do nothing
            """, nativeQuery = true)
    int insertOnce(
            UUID id,
            UUID userId,
            UUID eventId,
            String category,
            String type,
            String title,
            String body,
            String data,
            Instant createdAt);

    /** Newest first, starting after the cursor id. */
    @Query("""
            select m from InboxMessage m
            where m.userId = :userId
              and (:after is null or m.id < :after)
              and (:unreadOnly = false or m.readAt is null)
            order by m.id desc
            """)
    List<InboxMessage> findPage(UUID userId, @Nullable UUID after, boolean unreadOnly, Limit limit);

    @Query("select count(m) from InboxMessage m where m.userId = :userId and m.readAt is null")
    long countUnread(UUID userId);

    @Modifying
    @Query("update InboxMessage m set m.readAt = :now where m.id = :id and m.userId = :userId and m.readAt is null")
    int markRead(UUID userId, UUID id, Instant now);

    @Query("select count(m) > 0 from InboxMessage m where m.id = :id and m.userId = :userId")
    boolean existsForUser(UUID userId, UUID id);

    @Modifying
    @Query("update InboxMessage m set m.readAt = :now where m.userId = :userId and m.readAt is null")
    int markAllRead(UUID userId, Instant now);

    @Modifying
    @Query("delete from InboxMessage m where m.userId = :userId")
    int deleteAllOf(UUID userId);
}
