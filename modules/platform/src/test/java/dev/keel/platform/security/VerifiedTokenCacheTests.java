package dev.keel.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokenCacheTests {

    static final Instant ISSUED = Instant.parse("2026-11-22T10:00:00Z");

    final AtomicInteger verifications = new AtomicInteger();
    final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "HS256")
                .subject("user")
                .issuedAt(ISSUED)
                .expiresAt(ISSUED.plus(Duration.ofMinutes(15)))
                .build();
    };

    @Test
    void verifiesEachTokenOnce() {
        var cache = new VerifiedTokenCache(verifier, at(ISSUED.plusSeconds(10)), Duration.ofMinutes(15));

        cache.decode("good-token");
        cache.decode("good-token");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void stillRefusesARememberedTokenOnceItExpired() {
        var clock = new MutableClock(ISSUED.plusSeconds(10));
        var cache = new VerifiedTokenCache(verifier, clock, Duration.ofMinutes(15));
        cache.decode("good-token");

        clock.now = ISSUED.plus(Duration.ofMinutes(15));

        assertThatThrownBy(() -> cache.decode("good-token")).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void neverRemembersFailures() {
        var cache = new VerifiedTokenCache(verifier, at(ISSUED), Duration.ofMinutes(15));

        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
