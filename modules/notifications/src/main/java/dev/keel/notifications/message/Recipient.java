package dev.keel.notifications.message;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** Whom to email: the module's own copy of an account's address, taken from the users module's events. */
@Entity
@Table(name = "notification_recipients")
public class Recipient {

    @Id
    private UUID userId;

    private String email;

    private String displayName;

    @SuppressWarnings("NullAway.Init")
    protected Recipient() {}

    Recipient(UUID userId, String email, String displayName) {
        this.userId = userId;
        this.email = email;
        this.displayName = displayName;
    }

    UUID userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    String displayName() {
        return displayName;
    }
}
