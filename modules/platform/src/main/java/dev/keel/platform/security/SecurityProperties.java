package dev.keel.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.NamedInterface;
import org.springframework.validation.annotation.Validated;

/**
 * Token signing settings, required at start.
 *
 * @param jwtSecret the HMAC-SHA256 key that signs access tokens and list cursors (at least 32 characters;
 *     from the environment as {@code KEEL_SECURITY_JWT_SECRET}; never logged)
 * @param issuer the {@code iss} claim of issued tokens, checked on every request
 * @param accessTokenTtl how long an access token is valid
 */
@Validated
@ConfigurationProperties("keel.security")
@NamedInterface("security")
public record SecurityProperties(
        @NotBlank @Size(min = 32, message = "must be at least 32 characters")
        String jwtSecret,

        @DefaultValue("keel") @NotBlank String issuer,

        @DefaultValue("PT15M") @NotNull @DurationMin(seconds = 1)
        Duration accessTokenTtl) {

    @Override
    public String toString() {
        return "SecurityProperties[issuer=" + issuer + ", accessTokenTtl=" + accessTokenTtl + "]";
    }
}
