package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.users.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The users module's events are delivered under their own ids; those stored before they carried one, under
 * the id derived then.
 */
class UserEventIdsTests extends ApplicationTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    JsonMapper json;

    @Test
    void deliversUnderTheEventsId() {
        var eventId = UUID.randomUUID();
        var userId = UUID.randomUUID();
        var now = Instant.now();

        api.commit(new UserRegistered(eventId, userId, "ids-" + userId + "@example.com", "Ids", now, now));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxEventId(userId)).contains(eventId));
    }

    @Test
    void keepsTheDerivedIdOfAnEventStoredBeforeEventsCarriedOne() {
        var userId = UUID.randomUUID();
        // As the event publication registry holds a UserRegistered serialized before the upgrade.
        var stored = json.readValue("""
                {"userId":"%s","email":"old-%s@example.com","displayName":"Old","registeredAt":"2026-11-22T10:15:30Z"}
                """.formatted(userId, userId), UserRegistered.class);
        assertThat(stored.eventId()).isNull();

        api.commit(stored);

        var derived = UUID.nameUUIDFromBytes(("user.registered:" + userId).getBytes(StandardCharsets.UTF_8));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxEventId(userId)).contains(derived));
    }

    private Optional<UUID> inboxEventId(UUID userId) {
        return jdbc.sql("select event_id from inbox_messages where user_id = ?")
                .param(userId)
                .query(UUID.class)
                .optional();
    }
}
