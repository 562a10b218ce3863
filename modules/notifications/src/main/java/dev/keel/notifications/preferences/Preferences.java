package dev.keel.notifications.preferences;

import dev.keel.notifications.message.Category;
import dev.keel.notifications.message.Channel;
import dev.keel.platform.web.ETags;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which channels a user wants per category. Nothing stored means everything on; security messages are
 * emailed whatever is stored.
 */
@Component
@Transactional
public class Preferences {

    /** The channels of one category. */
    public record Switches(boolean email, boolean inApp, boolean webhook) {

        static final Switches ALL_ON = new Switches(true, true, true);

        boolean allows(Channel channel) {
            return switch (channel) {
                case EMAIL -> email;
                case IN_APP -> inApp;
                case WEBHOOK -> webhook;
            };
        }
    }

    /** A user's switches for every category. */
    public record Chosen(Map<Category, Switches> byCategory) {

        public Chosen {
            byCategory = Map.copyOf(byCategory);
        }

        public Switches get(Category category) {
            return byCategory.getOrDefault(category, Switches.ALL_ON);
        }

        /**
         * The version their ETag names, derived from the choices themselves (one bit per category and
         * channel), so nothing needs to be stored for it: equal choices share it, any change gives another.
         */
        long version() {
            long version = 0;
            for (var category : Category.values()) {
                var switches = get(category);
                version = version << 3
                        | (switches.email() ? 0b100 : 0)
                        | (switches.inApp() ? 0b010 : 0)
                        | (switches.webhook() ? 0b001 : 0);
            }
            return version;
        }
    }

    private static final String SELECT =
            "select category, email, in_app, webhook from notification_preferences where user_id = ?";

    private final JdbcClient jdbc;

    Preferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Chosen of(UUID userId) {
        return read(SELECT, userId);
    }

    /**
     * Replaces the user's choices if they are still those {@code ifMatch} names (any, without it); a stale
     * version is refused ({@code 412 precondition_failed}) and changes nothing. The user's rows are locked
     * first, so of two writers naming the same version only the first wins: the second waits for its
     * commit and then finds another version.
     */
    Chosen replace(UUID userId, Map<Category, Switches> preferences, @Nullable String ifMatch) {
        ETags.checkIfMatch(ifMatch, locked(userId).version());
        preferences.forEach((category, switches) -> jdbc.sql("""
                        insert into notification_preferences (user_id, category, email, in_app, webhook)
                        values (:userId, :category, :email, :inApp, :webhook)
                        on conflict (user_id, category)
                        do update set email = excluded.email, in_app = excluded.in_app, webhook = excluded.webhook
                        """)
                .param("userId", userId)
                .param("category", category.name())
                .param("email", switches.email())
                .param("inApp", switches.inApp())
                .param("webhook", switches.webhook())
                .update());
        return read(SELECT, userId);
    }

    /**
     * The user's choices, their rows locked until the transaction ends. A category without a row gets one
     * with the defaults first (which changes no choice), so there is always a row to lock, even for a
     * user who never chose.
     */
    private Chosen locked(UUID userId) {
        for (var category : Category.values()) {
            jdbc.sql("""
                            insert into notification_preferences (user_id, category, email, in_app, webhook)
                            values (:userId, :category, :email, :inApp, :webhook)
                            on conflict (user_id, category) do nothing
                            """)
                    .param("userId", userId)
                    .param("category", category.name())
                    .param("email", Switches.ALL_ON.email())
                    .param("inApp", Switches.ALL_ON.inApp())
                    .param("webhook", Switches.ALL_ON.webhook())
                    .update();
        }
        return read(SELECT + " for update", userId);
    }

    private Chosen read(String select, UUID userId) {
        var all = new EnumMap<Category, Switches>(Category.class);
        for (var category : Category.values()) {
            all.put(category, Switches.ALL_ON);
        }
        jdbc.sql(select)
                .param(userId)
                .query((row, n) -> Map.entry(
                        Category.valueOf(row.getString("category")),
                        new Switches(row.getBoolean("email"), row.getBoolean("in_app"), row.getBoolean("webhook"))))
                .list()
                .forEach(entry -> all.put(entry.getKey(), entry.getValue()));
        return new Chosen(all);
    }

    public void deleteAllOf(UUID userId) {
        jdbc.sql("delete from notification_preferences where user_id = ?")
                .param(userId)
                .update();
    }
}
