package dev.keel.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
 * @param clientRateLimit requests to {@code /api/**} per client, counted by each replica on its own
 * @param accessLog the line logged for every request
 */
@Validated
@ConfigurationProperties("keel.web")
public record WebProperties(
        @DefaultValue("1MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("5s") @NotNull Duration unavailableRetryAfter,
        @DefaultValue @Valid @NotNull ClientRateLimit clientRateLimit,
        @DefaultValue @Valid @NotNull AccessLine accessLog) {

    @AssertTrue(message = "max-request-size must be positive")
    boolean isMaxRequestSizePositive() {
        return maxRequestSize.toBytes() > 0;
    }

    @AssertTrue(message = "unavailable-retry-after must be at least one second")
    boolean isUnavailableRetryAfterPositive() {
        return unavailableRetryAfter.toSeconds() >= 1;
    }

    /**
     * Over the limit a request is answered {@code 429 rate_limited} with {@code Retry-After}. A client is the
     * signed-in user, or else the client address (an IPv4 address or an IPv6 /64).
     *
     * @param enabled whether requests are counted at all (benchmarks switch it off)
     * @param requests requests per window and client; the bucket refills steadily over the window
     * @param window the window the requests are counted over
     * @param maxClients clients remembered at once; past that the least recently seen are forgotten
     */
    public record ClientRateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1200") @Min(1) int requests,
            @DefaultValue("1m") @NotNull Duration window,
            @DefaultValue("100000") @Min(1) int maxClients) {

        @AssertTrue(message = "window must be at least one second")
        boolean isWindowLongEnough() {
            return window.toSeconds() >= 1;
        }
    }

    /**
     * One line per request on standard output, written by Tomcat's access log valve after the response is
     * complete.
     *
     * @param enabled whether the line is written
     * @param pattern the line, in the valve's pattern syntax (the prod profile sets a JSON one); the request
     *     attribute keel.user is the signed-in caller, the response header X-Request-Id the request id
     */
    public record AccessLine(
            @DefaultValue("true") boolean enabled,

            @DefaultValue(DEFAULT_ACCESS_LOG_PATTERN) @NotBlank
            String pattern) {}

    static final String DEFAULT_ACCESS_LOG_PATTERN =
            "%{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}t  INFO --- [access] [%{X-Request-Id}o] dev.keel.access"
                    + " : %m %U %s %{ms}Tms user=%{keel.user}r";
}
