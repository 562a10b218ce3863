package dev.keel.users;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it. */
@Schema(name = "User")
record UserResponse(
        UUID id,
        String email,
        String displayName,

        @ArraySchema(schema = @Schema(implementation = Role.class))
        List<String> roles,

        @Schema(implementation = UserStatus.class) String status,
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
