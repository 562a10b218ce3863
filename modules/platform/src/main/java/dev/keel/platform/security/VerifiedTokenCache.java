package dev.keel.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens that passed signature and claim checks, keyed by the whole token (signature
 * included), so a client's repeated calls verify its token once. Expiry is still checked on every use;
 * failures are never remembered.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder delegate, Clock clock, Duration maxTokenLifetime) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(50_000)
                .expireAfterWrite(maxTokenLifetime)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        var jwt = verified.get(token, delegate::decode);
        var expiresAt = jwt.getExpiresAt();
        if (expiresAt == null || !clock.instant().isBefore(expiresAt)) {
            verified.invalidate(token);
            throw new JwtValidationException(
                    "Jwt expired",
                    java.util.List.of(
                            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "Jwt expired at " + expiresAt, null)));
        }
        return jwt;
    }
}
