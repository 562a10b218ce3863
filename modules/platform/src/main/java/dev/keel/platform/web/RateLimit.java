package dev.keel.platform.web;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.modulith.NamedInterface;

/**
 * The outcome of one rate-limited attempt and what the {@code RateLimit-*} headers report.
 *
 * @param allowed whether the attempt may go on
 * @param limit attempts per window of the limit that decided
 * @param remaining attempts left in it
 * @param resetSeconds seconds until it is full again
 * @param retryAfterSeconds seconds until a refused attempt may be retried
 */
@NamedInterface("web")
public record RateLimit(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** From the nanoseconds a token bucket reports, rounded up to whole seconds. */
    public static RateLimit of(boolean allowed, long limit, long remaining, long nanosToReset, long nanosToRetry) {
        return new RateLimit(allowed, limit, remaining, seconds(nanosToReset), seconds(nanosToRetry));
    }

    /** What one bucket's answer to a single attempt says, for a limit of {@code limit} attempts. */
    public static RateLimit of(ConsumptionProbe probe, long limit) {
        return of(
                probe.isConsumed(),
                limit,
                probe.getRemainingTokens(),
                probe.getNanosToWaitForReset(),
                probe.getNanosToWaitForRefill());
    }

    public RateLimit withRemaining(long remaining) {
        return new RateLimit(allowed, limit, remaining, resetSeconds, retryAfterSeconds);
    }

    /** Refuses the attempt (429) unless it is allowed; an allowed one reports the limit on its answer. */
    public void enforce(HttpServletResponse response) {
        if (!allowed) {
            throw new TooManyAttempts(this);
        }
        report(response);
    }

    /** Sets the headers on the answer being written, whatever it turns out to be. */
    public void report(HttpServletResponse response) {
        var headers = new HttpHeaders();
        addHeaders(headers);
        headers.forEach((name, values) -> response.setHeader(name, values.getFirst()));
    }

    public void addHeaders(HttpHeaders headers) {
        headers.set("RateLimit-Limit", Long.toString(limit));
        headers.set("RateLimit-Remaining", Long.toString(remaining));
        headers.set("RateLimit-Reset", Long.toString(resetSeconds));
        if (!allowed) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        }
    }

    private static long seconds(long nanos) {
        return (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1));
    }
}
