package dev.keel.test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Access tokens signed like the users module signs them, for tests of modules that need a caller but not
 * an account (the other modules know users only by id).
 */
public final class TestTokens {

    private TestTokens() {}

    public static String bearer(JwtEncoder encoder, UUID userId, List<String> roles) {
        var claims = JwtClaimsSet.builder()
                .issuer("keel")
                .subject(userId.toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600))
                .claim("roles", roles)
                .build();
        return "Bearer "
                + encoder.encode(JwtEncoderParameters.from(
                                JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                        .getTokenValue();
    }
}
