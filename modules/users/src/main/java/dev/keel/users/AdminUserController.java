package dev.keel.users;

import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.Cursors;
import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.Page;
import dev.keel.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/api/v1/admin/users")
@Tag(name = "admin-users", description = "Account administration (admins only)")
class AdminUserController {

    @Schema(name = "AdminUpdateUserRequest")
    record AdminUpdateRequest(
            @Nullable Set<Role> roles, @Nullable UserStatus status) {}

    private final AccountAdministration administration;
    private final Cursors cursors;

    AdminUserController(AccountAdministration administration, Cursors cursors) {
        this.administration = administration;
        this.cursors = cursors;
    }

    @GetMapping
    @Operation(operationId = "listUsers", summary = "Users, newest first, filtered by email substring and status")
    Page<UserResponse> list(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable UserStatus status,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var rows = administration.find(email, status, cursors.decode(cursor), limit);
        return cursors.page(rows, limit, User::id, UserResponse::of);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getUser", summary = "One user")
    @ETagged
    @Nullable
    ResponseEntity<UserResponse> get(@PathVariable UUID id, WebRequest request) {
        var user = administration.get(id);
        var etag = ETags.of(user.version());
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(UserResponse.of(user));
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "updateUser", summary = "Change roles or status; disabling signs the user out")
    @ETagged
    @ProblemResponse(
            status = 409,
            codes = "conflict",
            description = "an admin cannot remove their own ADMIN role or disable themselves")
    ResponseEntity<UserResponse> update(
            @AuthenticationPrincipal AuthenticatedUser admin,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody AdminUpdateRequest request) {
        var user = administration.update(admin.id(), id, request.roles(), request.status(), ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(user.version())).body(UserResponse.of(user));
    }
}
