package dev.keel.users;

import dev.keel.platform.persistence.Ids;
import dev.keel.platform.security.AccountDisabled;
import dev.keel.platform.security.SecurityProperties;
import dev.keel.users.UsersProblems.InvalidCredentials;
import dev.keel.users.UsersProblems.InvalidToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in and token life cycle: short-lived signed access tokens and rotating, single-use refresh tokens
 * grouped in families, so that a stolen refresh token is detected the moment either party reuses it.
 */
@Service
class TokenService {

    /** A response of the token endpoints. */
    record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {}

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final JwtEncoder jwtEncoder;
    private final SecurityProperties security;
    private final UsersProperties properties;
    // Credentials live on wall time, not on the application clock: time travel in the embedded default
    // must not sign anybody out or keep a token alive.
    private final Clock clock = Clock.systemUTC();
    private final String unknownUserHash;
    private final TransactionTemplate transactions;

    TokenService(
            UserRepository users,
            RefreshTokenRepository refreshTokens,
            PasswordEncoder passwordEncoder,
            JwtEncoder jwtEncoder,
            SecurityProperties security,
            UsersProperties properties,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.jwtEncoder = jwtEncoder;
        this.security = security;
        this.properties = properties;
        // Checked against when the email is unknown, so that both failures take the same time.
        this.unknownUserHash = passwordEncoder.encode(SecretTokens.generate());
    }

    /**
     * The password is checked outside any transaction: a hash takes about 100 ms of CPU and may wait for its
     * turn (the encoder bounds how many run at once), and holding a pooled connection and a row lock all that
     * time made concurrent sign-ins exhaust the pool (503 after its 3 s wait). The token is then issued under
     * the account's row lock, only if the hash checked is still the one stored: a password changed meanwhile
     * counts as a wrong one. Not transactional at all (not even NOT_SUPPORTED, whose transaction-scoped
     * EntityManager keeps the connection it used for the first read until the method returns).
     */
    TokenPair signIn(String email, String password) {
        var candidate = users.findByEmail(email).orElse(null);
        var checked = candidate == null ? null : candidate.passwordHash();
        boolean matches = passwordEncoder.matches(password, checked == null ? unknownUserHash : checked);
        if (candidate == null || checked == null || !matches) {
            throw new InvalidCredentials();
        }
        var id = candidate.id();
        return Objects.requireNonNull(transactions.execute(status -> {
            var user = users.lockLive(id).orElseThrow(InvalidCredentials::new);
            if (!Objects.equals(checked, user.passwordHash())) {
                throw new InvalidCredentials();
            }
            if (!user.isActive()) {
                throw new AccountDisabled();
            }
            return issue(user, Ids.newId());
        }));
    }

    /**
     * Rotates a refresh token. Presenting one that was already used or revoked means it leaked: the whole
     * family is revoked, and that revocation is kept although the request fails.
     */
    @Transactional(noRollbackFor = InvalidToken.class)
    TokenPair refresh(String refreshToken) {
        var hash = SecretTokens.hash(refreshToken);
        var now = now();
        var token = refreshTokens.findByTokenHash(hash).orElseThrow(TokenService::invalid);
        var user = users.lockLive(token.userId()).orElseThrow(TokenService::invalid);
        if (refreshTokens.markUsed(hash, now) != 1) {
            if (!token.expiredAt(now)) {
                refreshTokens.revokeFamily(token.familyId(), now);
            }
            throw invalid();
        }
        if (!user.isActive()) {
            refreshTokens.revokeFamily(token.familyId(), now);
            throw invalid();
        }
        return issue(user, token.familyId());
    }

    @Transactional
    void signOut(String refreshToken) {
        refreshTokens.findByTokenHash(SecretTokens.hash(refreshToken)).ifPresent(token -> {
            users.lockLive(token.userId());
            refreshTokens.revokeFamily(token.familyId(), now());
        });
    }

    private TokenPair issue(User user, UUID familyId) {
        var now = now();
        var ttl = security.accessTokenTtl();
        var claims = JwtClaimsSet.builder()
                .issuer(security.issuer())
                .subject(user.id().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .id(Ids.newId().toString())
                .claim("roles", user.roles().stream().map(Role::name).sorted().toList())
                .build();
        var header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        var accessToken =
                jwtEncoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        var refreshToken = SecretTokens.generate();
        refreshTokens.save(new RefreshToken(
                user.id(), familyId, SecretTokens.hash(refreshToken), now, now.plus(properties.refreshTokenTtl())));
        return new TokenPair(accessToken, "Bearer", ttl.toSeconds(), refreshToken);
    }

    private static InvalidToken invalid() {
        return new InvalidToken(HttpStatus.UNAUTHORIZED);
    }

    private Instant now() {
        return clock.instant();
    }
}
