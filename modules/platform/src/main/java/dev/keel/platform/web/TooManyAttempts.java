package dev.keel.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.modulith.NamedInterface;

/** Over a rate limit: {@code 429 rate_limited} with {@code Retry-After} and the {@code RateLimit-*} headers. */
@NamedInterface("web")
public final class TooManyAttempts extends KeelProblem {

    public TooManyAttempts(RateLimit refused) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemCodes.RATE_LIMITED, "Too many attempts; try again later.");
        refused.addHeaders(getHeaders());
    }
}
