package dev.keel.users;

import dev.keel.platform.web.Conflict;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.NotFound;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What admins do with accounts: find them, change their roles, disable and re-enable them. */
@Service
@Transactional
class AccountAdministration {

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final AccountDirectory directory;
    private final Clock clock;

    AccountAdministration(
            UserRepository users, RefreshTokenRepository refreshTokens, AccountDirectory directory, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.directory = directory;
        this.clock = clock;
    }

    /** Up to {@code limit + 1} users after the cursor, newest first, so the caller can tell if more exist. */
    @Transactional(readOnly = true)
    List<User> find(@Nullable String email, @Nullable UserStatus status, @Nullable UUID after, int limit) {
        var pattern = email == null || email.isBlank() ? null : escapeLike(email.strip());
        return users.findPage(after, pattern, status, Limit.of(limit + 1));
    }

    @Transactional(readOnly = true)
    User get(UUID id) {
        return users.findLive(id).orElseThrow(() -> new NotFound("User"));
    }

    User update(
            UUID adminId, UUID id, @Nullable Set<Role> roles, @Nullable UserStatus status, @Nullable String ifMatch) {
        // Locked first, like every change that revokes tokens (see UserRepository#lockLive).
        var user = users.lockLive(id).orElseThrow(() -> new NotFound("User"));
        ETags.checkIfMatch(ifMatch, user.version());
        if (adminId.equals(id)) {
            if (roles != null && !roles.contains(Role.ADMIN)) {
                throw new Conflict("Admins cannot remove their own ADMIN role.");
            }
            if (status == UserStatus.DISABLED) {
                throw new Conflict("Admins cannot disable themselves.");
            }
        }
        var now = clock.instant();
        if (roles != null) {
            user.changeRoles(roles, now);
        }
        if (status != null && status != user.status()) {
            user.changeStatus(status, now);
            if (status == UserStatus.DISABLED) {
                refreshTokens.revokeAllOf(id, now);
            }
        }
        directory.changed(id);
        return users.saveAndFlush(user);
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
