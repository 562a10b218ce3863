package dev.keel.platform.security;

import java.util.Set;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

/** The caller of an authenticated request, as controllers receive it ({@code @AuthenticationPrincipal}). */
@NamedInterface("security")
public record AuthenticatedUser(UUID id, Set<String> roles) {

    public static final String ADMIN = "ADMIN";
    public static final String USER = "USER";

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
