package dev.keel.platform.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A valid token whose account could not be looked up because the database is unavailable. As an
 * authentication failure it reaches {@link ProblemSecurityHandlers}, which answer 503 {@code
 * service_unavailable}, instead of escaping the filter chain as an unhandled error logged with its stack.
 */
final class AccountUncheckable extends AuthenticationException {

    AccountUncheckable(RuntimeException cause) {
        super("The account behind the token could not be checked: the database is unavailable", cause);
    }
}
