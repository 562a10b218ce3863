package dev.keel.platform.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long idempotency keys live.
 *
 * @param retention how long a key's response is replayed
 * @param abandonAfter how long a request may hold its key before a retry may take it over (the first
 *     request is then assumed to have died with its replica)
 */
@Validated
@ConfigurationProperties("keel.idempotency")
public record IdempotencyProperties(
        @DefaultValue("P1D") @NotNull @DurationMin(seconds = 1)
        Duration retention,

        @DefaultValue("PT2M") @NotNull @DurationMin(seconds = 1)
        Duration abandonAfter) {}
