package dev.keel.users;

import dev.keel.platform.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account. Deleted accounts keep their id (other modules refer to it) but no personal data. */
@Entity
@Table(name = "users")
class User {

    @Id
    private UUID id;

    private String email;

    private String displayName;

    private @Nullable String passwordHash;

    @Convert(converter = RolesConverter.class)
    private Set<Role> roles;

    @Enumerated(EnumType.STRING)
    private UserStatus status;

    private boolean emailVerified;

    private Instant createdAt;

    private Instant updatedAt;

    private @Nullable Instant deletedAt;

    @Version
    @Column(nullable = false)
    private @Nullable Long version;

    @SuppressWarnings("NullAway.Init")
    protected User() {}

    User(String email, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        this.id = Ids.newId();
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = immutable(roles);
        this.status = UserStatus.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String displayName, Instant now) {
        this.displayName = displayName;
        touch(now);
    }

    void changePasswordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        touch(now);
    }

    void markEmailVerified(Instant now) {
        this.emailVerified = true;
        touch(now);
    }

    void changeRoles(Set<Role> roles, Instant now) {
        var withUser = EnumSet.copyOf(roles.isEmpty() ? Set.of(Role.USER) : roles);
        withUser.add(Role.USER);
        this.roles = immutable(withUser);
        touch(now);
    }

    void changeStatus(UserStatus status, Instant now) {
        this.status = status;
        touch(now);
    }

    /** Erases the personal data; the row stays as a tombstone for the id. */
    void erase(Instant now) {
        this.email = "deleted-" + id + "@deleted.invalid";
        this.displayName = "Deleted user";
        this.passwordHash = null;
        this.roles = Set.of(Role.USER);
        this.status = UserStatus.DISABLED;
        this.emailVerified = false;
        this.deletedAt = now;
        touch(now);
    }

    private void touch(Instant now) {
        this.updatedAt = now;
    }

    private static Set<Role> immutable(Set<Role> roles) {
        return Set.copyOf(roles);
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    String displayName() {
        return displayName;
    }

    @Nullable
    String passwordHash() {
        return passwordHash;
    }

    Set<Role> roles() {
        return roles;
    }

    boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    UserStatus status() {
        return status;
    }

    boolean isActive() {
        return status == UserStatus.ACTIVE && deletedAt == null;
    }

    boolean emailVerified() {
        return emailVerified;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    long version() {
        return version == null ? 0 : version;
    }
}
