package dev.keel.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.modulith.NamedInterface;

/**
 * The operation is rate limited: over the limit it answers 429 {@code rate_limited} with {@code Retry-After} and
 * the {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} headers. Documented in the
 * OpenAPI document.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@NamedInterface("web")
public @interface RateLimited {

    /** Whether the answers within the limit carry the {@code RateLimit-*} headers too. */
    boolean reportedOnEveryAnswer() default false;
}
