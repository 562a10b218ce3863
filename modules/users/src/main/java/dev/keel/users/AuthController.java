package dev.keel.users;

import dev.keel.platform.web.ProblemResponse;
import dev.keel.platform.web.RateLimited;
import dev.keel.platform.web.TooManyAttempts;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@SecurityRequirements
@Tag(name = "auth", description = "Tokens, email verification and password reset")
class AuthController {

    @Schema(name = "CreateTokenRequest")
    record TokenRequest(@NotBlank String email, @NotBlank String password) {

        TokenRequest {
            email = email == null ? null : email.strip();
        }
    }

    /**
     * The secrets this API issues are 43 characters; anything past this bound is no token of ours, and is refused
     * rather than looked up (sign-out would otherwise answer 204 to it, as to any unknown token).
     */
    static final int MAX_TOKEN_LENGTH = 255;

    @Schema(name = "RefreshTokenRequest")
    record RefreshRequest(
            @NotBlank @Size(max = MAX_TOKEN_LENGTH) String refreshToken) {}

    record EmailVerificationRequest(
            @NotBlank @Size(max = MAX_TOKEN_LENGTH) String token) {}

    record PasswordResetRequest(@NotBlank @Email String email) {

        PasswordResetRequest {
            email = email == null ? null : email.strip();
        }
    }

    record PasswordResetConfirmation(
            @NotBlank @Size(max = MAX_TOKEN_LENGTH) String token,

            @NotBlank @ValidPassword @Schema(minLength = 10, maxLength = 128)
            String newPassword) {}

    private final TokenService tokens;
    private final AccountService accounts;
    private final Throttle throttle;

    AuthController(TokenService tokens, AccountService accounts, Throttle throttle) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @PostMapping("/token")
    @Operation(operationId = "createToken", summary = "Sign in with email and password")
    @RateLimited(reportedOnEveryAnswer = true)
    @ProblemResponse(status = 401, codes = "invalid_credentials", description = "unknown email or wrong password")
    @ProblemResponse(
            status = 403,
            codes = "account_disabled",
            description = "the password is right, the account disabled")
    TokenService.TokenPair token(
            @Valid @RequestBody TokenRequest request, HttpServletRequest http, HttpServletResponse response) {
        var decision = throttle.attempt(request.email(), http.getRemoteAddr());
        // Reported before signing in, so that failed attempts report the limit too.
        decision.enforce(response);
        var signedIn = tokens.signIn(request.email(), request.password());
        throttle.succeeded(request.email(), decision).report(response);
        return signedIn;
    }

    @PostMapping("/refresh")
    @Operation(operationId = "refreshToken", summary = "Trade a refresh token for a new pair")
    @ProblemResponse(
            status = 401,
            codes = "invalid_token",
            description = "unknown, expired or already used (which revokes its family)")
    TokenService.TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        return tokens.refresh(request.refreshToken());
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @PostMapping("/logout")
    @Operation(operationId = "logout", summary = "Revoke a refresh token and its whole family")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        tokens.signOut(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @PostMapping("/email-verification")
    @Operation(operationId = "verifyEmail", summary = "Confirm an email address with the mailed token")
    @ProblemResponse(status = 400, codes = "invalid_token", description = "unknown, expired or already used")
    ResponseEntity<Void> verifyEmail(@Valid @RequestBody EmailVerificationRequest request) {
        accounts.verifyEmail(request.token());
        return ResponseEntity.noContent().build();
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // what the ResponseEntity answers; documented as such
    @PostMapping("/password-reset")
    @Operation(operationId = "requestPasswordReset", summary = "Email a reset link if the account exists")
    @RateLimited
    ResponseEntity<Void> requestPasswordReset(
            @Valid @RequestBody PasswordResetRequest request, HttpServletRequest http) {
        // Limited like sign-in: it mails the owner and, answered by timing, could probe for accounts.
        var decision = throttle.attempt(Throttle.Action.PASSWORD_RESET, request.email(), http.getRemoteAddr());
        if (!decision.allowed()) {
            throw new TooManyAttempts(decision);
        }
        accounts.requestPasswordReset(request.email());
        return ResponseEntity.accepted().build();
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @PostMapping("/password-reset/confirm")
    @Operation(operationId = "confirmPasswordReset", summary = "Set a new password with the mailed token")
    @ProblemResponse(status = 400, codes = "invalid_token", description = "unknown, expired or already used")
    ResponseEntity<Void> confirmPasswordReset(@Valid @RequestBody PasswordResetConfirmation request) {
        accounts.confirmPasswordReset(request.token(), request.newPassword());
        return ResponseEntity.noContent().build();
    }
}
