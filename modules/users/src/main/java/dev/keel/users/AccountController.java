package dev.keel.users;

import dev.keel.platform.idempotency.IdempotentAnswers;
import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.NotFound;
import dev.keel.platform.web.ProblemResponse;
import dev.keel.platform.web.RateLimited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "Registration and the caller's own account")
class AccountController {

    @Schema(name = "RegisterUserRequest")
    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,

            @NotBlank @ValidPassword @Schema(minLength = 10, maxLength = 128)
            String password,

            @NotBlank @Size(max = 100) String displayName) {

        RegisterRequest {
            email = email == null ? null : email.strip();
            displayName = displayName == null ? null : displayName.strip();
        }
    }

    record UpdateProfileRequest(@NotBlank @Size(max = 100) String displayName) {

        UpdateProfileRequest {
            displayName = displayName == null ? null : displayName.strip();
        }
    }

    record ChangePasswordRequest(
            @NotBlank String currentPassword,

            @NotBlank @ValidPassword @Schema(minLength = 10, maxLength = 128)
            String newPassword) {}

    record DeleteAccountRequest(@NotBlank String password) {}

    /** The caller's account was deleted while the request ran (its token is refused from then on). */
    private static final String ACCOUNT_GONE = "the account was deleted meanwhile";

    private final AccountService accounts;
    private final AccountDirectory directory;
    private final Throttle throttle;

    AccountController(AccountService accounts, AccountDirectory directory, Throttle throttle) {
        this.accounts = accounts;
        this.directory = directory;
        this.throttle = throttle;
    }

    @ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity answers; documented as such
    @PostMapping
    @SecurityRequirements
    @Operation(operationId = "registerUser", summary = "Create an account")
    @ETagged
    @ProblemResponse(status = 409, codes = "email_taken")
    @RateLimited(reportedOnEveryAnswer = true)
    ResponseEntity<UserResponse> register(
            @Valid @RequestBody RegisterRequest request,
            UriComponentsBuilder uri,
            HttpServletRequest http,
            HttpServletResponse response) {
        // Each registration costs a password hash and mails an address nobody has verified yet.
        throttle.registration(http.getRemoteAddr()).enforce(response);
        var user = accounts.register(request.email(), request.password(), request.displayName());
        IdempotentAnswers.about(http, user.id());
        return ResponseEntity.created(uri.path("/api/v1/admin/users/{id}").build(user.id()))
                .eTag(ETags.of(user.version()))
                .body(UserResponse.of(user));
    }

    @GetMapping("/me")
    @Operation(operationId = "getMe", summary = "The caller's account")
    @ETagged
    @ProblemResponse(status = 404, codes = "not_found", description = ACCOUNT_GONE)
    @Nullable
    ResponseEntity<UserResponse> me(@AuthenticationPrincipal AuthenticatedUser caller, WebRequest request) {
        // Served from the account cache, without a transaction: this is the hottest read of the API.
        var account = directory.find(caller.id()).orElseThrow(() -> new NotFound("User"));
        var etag = ETags.of(account.version());
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(account.view());
    }

    @PatchMapping("/me")
    @Operation(operationId = "updateMe", summary = "Change the caller's display name")
    @ETagged
    @ProblemResponse(status = 404, codes = "not_found", description = ACCOUNT_GONE)
    ResponseEntity<UserResponse> updateMe(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateProfileRequest request) {
        var user = accounts.rename(caller.id(), request.displayName(), ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(user.version())).body(UserResponse.of(user));
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @PutMapping("/me/password")
    @Operation(operationId = "changeMyPassword", summary = "Change the password; signs out every session")
    @ProblemResponse(status = 400, codes = "invalid_password", description = "the current password is wrong")
    @ProblemResponse(status = 404, codes = "not_found", description = ACCOUNT_GONE)
    @RateLimited(reportedOnEveryAnswer = true)
    ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody ChangePasswordRequest request,
            HttpServletResponse response) {
        var decision = throttle.passwordCheck(caller.id());
        decision.enforce(response);
        accounts.changePassword(caller.id(), request.currentPassword(), request.newPassword());
        throttle.passwordConfirmed(caller.id(), decision).report(response);
        return ResponseEntity.noContent().build();
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @DeleteMapping("/me")
    @Operation(operationId = "deleteMe", summary = "Delete the account and erase its personal data")
    @ProblemResponse(status = 400, codes = "invalid_password", description = "the password is wrong")
    @ProblemResponse(status = 404, codes = "not_found", description = ACCOUNT_GONE)
    @RateLimited(reportedOnEveryAnswer = true)
    ResponseEntity<Void> deleteMe(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody DeleteAccountRequest request,
            HttpServletResponse response) {
        // Counted like a password change; a deleted account has no budget left to give back.
        throttle.passwordCheck(caller.id()).enforce(response);
        accounts.delete(caller.id(), request.password());
        return ResponseEntity.noContent().build();
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // what the ResponseEntity answers; documented as such
    @PostMapping("/me/email-verification")
    @Operation(operationId = "requestEmailVerification", summary = "Email a verification link to the caller")
    @ProblemResponse(status = 404, codes = "not_found", description = ACCOUNT_GONE)
    @RateLimited(reportedOnEveryAnswer = true)
    ResponseEntity<Void> requestEmailVerification(
            @AuthenticationPrincipal AuthenticatedUser caller, HttpServletResponse response) {
        throttle.verificationEmail(caller.id()).enforce(response);
        accounts.requestEmailVerification(caller.id());
        return ResponseEntity.accepted().build();
    }
}
