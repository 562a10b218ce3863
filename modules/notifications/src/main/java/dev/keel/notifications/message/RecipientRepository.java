package dev.keel.notifications.message;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface RecipientRepository extends JpaRepository<Recipient, UUID> {

    @Modifying
    @Query(value = """
            insert into notification_recipients (user_id, email, display_name) values (:userId, :email, :displayName)
            on conflict (user_id) do update set email = excluded.email, display_name = excluded.display_name
            """, nativeQuery = true)
    void upsert(UUID userId, String email, String displayName);

    /** The name messages greet the user by; "there" ("Hello there,") once the recipient is gone. */
    default String greetingName(UUID userId) {
        return findById(userId).map(Recipient::displayName).orElse("there");
    }
}
