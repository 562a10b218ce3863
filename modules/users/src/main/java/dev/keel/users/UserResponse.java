package dev.keel.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it. */
record UserResponse(
        UUID id,
        String email,
        String displayName,
        List<String> roles,
        String status,
        boolean emailVerified,
        Instant createdAt,
        Instant updatedAt) {

    static UserResponse of(User user) {
        return new UserResponse(
                user.id(),
                user.email(),
                user.displayName(),
                user.roles().stream().map(Role::name).sorted().toList(),
                user.status().name(),
                user.emailVerified(),
                user.createdAt(),
                user.updatedAt());
    }
}
