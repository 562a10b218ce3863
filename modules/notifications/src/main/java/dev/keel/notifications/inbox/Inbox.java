package dev.keel.notifications.inbox;

import dev.keel.platform.web.NotFound;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's in-app messages: reading them and marking them read. */
@Service
@Transactional
class Inbox {

    private final InboxRepository messages;
    private final Clock clock;

    Inbox(InboxRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<InboxMessage> page(UUID userId, @Nullable UUID after, boolean unreadOnly, int limit) {
        return messages.findPage(userId, after, unreadOnly, Limit.of(limit + 1));
    }

    @Transactional(readOnly = true)
    long unreadCount(UUID userId) {
        return messages.countUnread(userId);
    }

    /** Idempotent: reading a read message again keeps its first read time. */
    void markRead(UUID userId, UUID messageId) {
        if (messages.markRead(userId, messageId, clock.instant()) == 0 && !messages.existsForUser(userId, messageId)) {
            throw new NotFound("Notification");
        }
    }

    void markAllRead(UUID userId) {
        messages.markAllRead(userId, clock.instant());
    }
}
