package dev.keel.platform.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP limits of the API.
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 */
@Validated
@ConfigurationProperties("keel.web")
public record WebProperties(@DefaultValue("1MB") @NotNull DataSize maxRequestSize) {

    @AssertTrue(message = "max-request-size must be positive")
    boolean isMaxRequestSizePositive() {
        return maxRequestSize.toBytes() > 0;
    }
}
