package dev.keel.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.modulith.NamedInterface;

/**
 * A problem an operation answers because of what it does ({@code 409 email_taken}), documented in the OpenAPI
 * document with its codes. The problems that follow from an operation's shape are documented without it: 400 for
 * a body or parameters, 401 and 403 {@code account_disabled} unless it is public, 403 {@code forbidden} on admin
 * paths, 404 for a path id, 409 {@code conflict} for writes, 412 for {@code If-Match}, the idempotency answers of
 * POST, 500.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(ProblemResponses.class)
@NamedInterface("web")
public @interface ProblemResponse {

    int status();

    /** The {@code code} values the problem can carry. */
    String[] codes();

    /** When it happens, if the codes do not say it. */
    String description() default "";
}
