package dev.keel.notifications.preferences;

import dev.keel.notifications.message.Category;
import dev.keel.notifications.message.Channel;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
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
    }

    private final JdbcClient jdbc;

    Preferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Chosen of(UUID userId) {
        var all = new EnumMap<Category, Switches>(Category.class);
        for (var category : Category.values()) {
            all.put(category, Switches.ALL_ON);
        }
        jdbc.sql("select category, email, in_app, webhook from notification_preferences where user_id = ?")
                .param(userId)
                .query((row, n) -> Map.entry(
                        Category.valueOf(row.getString("category")),
                        new Switches(row.getBoolean("email"), row.getBoolean("in_app"), row.getBoolean("webhook"))))
                .list()
                .forEach(entry -> all.put(entry.getKey(), entry.getValue()));
        return new Chosen(all);
    }

    void replace(UUID userId, Map<Category, Switches> preferences) {
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
    }

    public void deleteAllOf(UUID userId) {
        jdbc.sql("delete from notification_preferences where user_id = ?")
                .param(userId)
                .update();
    }
}
