package dev.keel.users;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the users module.
 *
 * @param refreshTokenTtl how long a refresh token may be used
 * @param emailVerificationTtl how long an email verification token is valid
 * @param passwordResetTtl how long a password reset token is valid
 * @param accountCacheTtl how long a replica may serve an account's status and roles from memory; changes
 *     made on the same replica take effect at once
 * @param loginLimits brute-force limits on {@code POST /auth/token}
 * @param accountLimits limits on what costs Keel or others the most besides signing in: registrations,
 *     verification mails and the password checks of signed-in callers
 */
@Validated
@ConfigurationProperties("keel.users")
record UsersProperties(
        @DefaultValue("P30D") @NotNull @DurationMin(seconds = 1)
        Duration refreshTokenTtl,

        @DefaultValue("P1D") @NotNull @DurationMin(seconds = 1)
        Duration emailVerificationTtl,

        @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1)
        Duration passwordResetTtl,

        @DefaultValue("PT5S") @NotNull @DurationMin(seconds = 1)
        Duration accountCacheTtl,

        @DefaultValue @Valid LoginLimits loginLimits,
        @DefaultValue @Valid AccountLimits accountLimits) {

    /**
     * Login attempts allowed per window, counted across all replicas.
     *
     * @param perAccount failed sign-in attempts per account and window
     * @param perIp attempts per client (IPv4 address or IPv6 /64) and window
     * @param window the window in which the attempts refill
     */
    record LoginLimits(
            @DefaultValue("10") @Min(1) int perAccount,
            @DefaultValue("100") @Min(1) int perIp,

            @DefaultValue("PT15M") @NotNull @DurationMin(seconds = 1)
            Duration window) {}

    /**
     * Attempts allowed per window, counted across all replicas.
     *
     * @param registrationsPerIp registrations per client (IPv4 address or IPv6 /64) and window: each one
     *     costs a password hash and mails an address nobody has verified yet
     * @param verificationEmailsPerAccount verification mails an account may ask for per window
     * @param passwordChecksPerAccount wrong passwords per account and window where a signed-in caller must
     *     confirm theirs (changing the password, deleting the account): a stolen access token must not
     *     let its holder guess the password
     * @param window the window in which the attempts refill
     */
    record AccountLimits(
            @DefaultValue("20") @Min(1) int registrationsPerIp,
            @DefaultValue("5") @Min(1) int verificationEmailsPerAccount,
            @DefaultValue("10") @Min(1) int passwordChecksPerAccount,

            @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1)
            Duration window) {}
}
