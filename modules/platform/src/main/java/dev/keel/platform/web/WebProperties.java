package dev.keel.platform.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP limits of the API.
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 * @param unavailableRetryAfter the {@code Retry-After} of a 503 answered while the database cannot be reached
 */
@Validated
@ConfigurationProperties("keel.web")
public record WebProperties(
        @DefaultValue("1MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("5s") @NotNull Duration unavailableRetryAfter) {

    @AssertTrue(message = "max-request-size must be positive")
    boolean isMaxRequestSizePositive() {
        return maxRequestSize.toBytes() > 0;
    }

    @AssertTrue(message = "unavailable-retry-after must be at least one second")
    boolean isUnavailableRetryAfterPositive() {
        return unavailableRetryAfter.toSeconds() >= 1;
    }
}
