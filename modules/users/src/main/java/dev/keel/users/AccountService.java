package dev.keel.users;

import dev.keel.platform.idempotency.IdempotentAnswers;
import dev.keel.platform.persistence.Ids;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.NotFound;
import dev.keel.users.UsersProblems.EmailTaken;
import dev.keel.users.UsersProblems.InvalidPassword;
import dev.keel.users.UsersProblems.InvalidToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's own account: registration, profile, password, email verification, reset and deletion. */
@Service
@Transactional
class AccountService implements AdminAccounts {

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final OneTimeTokenRepository oneTimeTokens;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final AccountDirectory directory;
    private final ApplicationEventPublisher events;
    private final UsersProperties properties;
    private final Clock clock;
    private final Counter registrations;

    private final IdempotentAnswers idempotentAnswers;

    AccountService(
            UserRepository users,
            RefreshTokenRepository refreshTokens,
            OneTimeTokenRepository oneTimeTokens,
            PasswordPolicy passwordPolicy,
            PasswordEncoder passwordEncoder,
            AccountDirectory directory,
            ApplicationEventPublisher events,
            UsersProperties properties,
            Clock clock,
            MeterRegistry meters,
            IdempotentAnswers idempotentAnswers) {
        this.users = users;
        this.idempotentAnswers = idempotentAnswers;
        this.refreshTokens = refreshTokens;
        this.oneTimeTokens = oneTimeTokens;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.directory = directory;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.registrations = Counter.builder("keel.users.registered")
                .description("Accounts registered")
                .register(meters);
    }

    User register(String email, String password, String displayName) {
        passwordPolicy.check(password, email, "password");
        return create(email, password, displayName, Set.of(Role.USER));
    }

    /**
     * Creates an admin chosen by the operator (configuration or command line). Only the length rule
     * applies: the operator picked this password deliberately, as with the documented development admin.
     */
    @Override
    public UUID createAdmin(String email, String password) {
        passwordPolicy.checkLength(password, "password");
        return create(email.strip(), password, "Administrator", Set.of(Role.USER, Role.ADMIN))
                .id();
    }

    private User create(String email, String password, String displayName, Set<Role> roles) {
        if (users.existsByEmail(email)) {
            throw new EmailTaken();
        }
        var now = now();
        User user;
        try {
            user = users.saveAndFlush(new User(email, displayName, passwordEncoder.encode(password), roles, now));
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMessage()).contains("users_email_live_uk")) {
                throw new EmailTaken(); // registered concurrently
            }
            throw e;
        }
        events.publishEvent(new UserRegistered(Ids.newId(), user.id(), user.email(), user.displayName(), now, now));
        registrations.increment();
        return user;
    }

    User rename(UUID userId, String displayName, @Nullable String ifMatch) {
        var user = live(userId);
        ETags.checkIfMatch(ifMatch, user.version());
        user.rename(displayName, now());
        directory.changed(userId);
        return users.saveAndFlush(user);
    }

    void changePassword(UUID userId, String currentPassword, String newPassword) {
        var user = locked(userId);
        if (!matches(currentPassword, user)) {
            throw new InvalidPassword();
        }
        passwordPolicy.check(newPassword, user.email(), "newPassword");
        var now = now();
        user.changePasswordHash(passwordEncoder.encode(newPassword), now);
        refreshTokens.revokeAllOf(userId, now);
        directory.changed(userId);
    }

    void delete(UUID userId, String password) {
        var user = locked(userId);
        if (!matches(password, user)) {
            throw new InvalidPassword();
        }
        var email = user.email();
        var now = now();
        user.erase(now);
        refreshTokens.deleteAllOf(userId);
        oneTimeTokens.deleteAllOf(userId);
        // Stored answers would keep the registration's email and name, and the account's own, for a day.
        idempotentAnswers.forget(userId);
        directory.changed(userId);
        events.publishEvent(new UserDeleted(Ids.newId(), userId, email, now, now));
    }

    void requestEmailVerification(UUID userId) {
        var user = live(userId);
        if (user.emailVerified()) {
            return;
        }
        var token = issue(user, OneTimeToken.Purpose.EMAIL_VERIFICATION, properties.emailVerificationTtl());
        events.publishEvent(new EmailVerificationRequested(
                Ids.newId(),
                user.id(),
                user.email(),
                user.displayName(),
                token.value(),
                token.expiresAt(),
                token.issuedAt()));
    }

    void verifyEmail(String token) {
        var userId = ownerOf(token, OneTimeToken.Purpose.EMAIL_VERIFICATION);
        var user = locked(userId);
        redeem(token, OneTimeToken.Purpose.EMAIL_VERIFICATION);
        user.markEmailVerified(now());
        directory.changed(userId);
    }

    void requestPasswordReset(String email) {
        users.findByEmail(email).filter(User::isActive).ifPresent(user -> {
            var token = issue(user, OneTimeToken.Purpose.PASSWORD_RESET, properties.passwordResetTtl());
            events.publishEvent(new PasswordResetRequested(
                    Ids.newId(),
                    user.id(),
                    user.email(),
                    user.displayName(),
                    token.value(),
                    token.expiresAt(),
                    token.issuedAt()));
        });
    }

    void confirmPasswordReset(String token, String newPassword) {
        // The account is locked before the token, in the order every token change uses.
        var user = locked(ownerOf(token, OneTimeToken.Purpose.PASSWORD_RESET));
        // The policy is checked before the token is spent, so a rejected password does not burn it.
        passwordPolicy.check(newPassword, user.email(), "newPassword");
        redeem(token, OneTimeToken.Purpose.PASSWORD_RESET);
        var now = now();
        user.changePasswordHash(passwordEncoder.encode(newPassword), now);
        refreshTokens.revokeAllOf(user.id(), now);
        directory.changed(user.id());
    }

    private record IssuedToken(String value, Instant issuedAt, Instant expiresAt) {}

    private IssuedToken issue(User user, OneTimeToken.Purpose purpose, java.time.Duration ttl) {
        var value = SecretTokens.generate();
        var now = now();
        var expiresAt = now.plus(ttl);
        oneTimeTokens.save(new OneTimeToken(user.id(), purpose, SecretTokens.hash(value), now, expiresAt));
        return new IssuedToken(value, now, expiresAt);
    }

    private UUID ownerOf(String token, OneTimeToken.Purpose purpose) {
        return oneTimeTokens
                .findByTokenHashAndPurpose(SecretTokens.hash(token), purpose)
                .orElseThrow(() -> new InvalidToken(HttpStatus.BAD_REQUEST))
                .userId();
    }

    /** Spends a token once: of concurrent redemptions only the first updates the row. */
    private void redeem(String token, OneTimeToken.Purpose purpose) {
        if (oneTimeTokens.redeem(SecretTokens.hash(token), purpose, now()) != 1) {
            throw new InvalidToken(HttpStatus.BAD_REQUEST);
        }
    }

    private boolean matches(String password, User user) {
        var hash = user.passwordHash();
        return hash != null && passwordEncoder.matches(password, hash);
    }

    private User live(UUID userId) {
        return users.findLive(userId).orElseThrow(() -> new NotFound("User"));
    }

    /** For changes that revoke tokens: see {@link UserRepository#lockLive}. */
    private User locked(UUID userId) {
        return users.lockLive(userId).orElseThrow(() -> new NotFound("User"));
    }

    private Instant now() {
        return clock.instant();
    }
}
