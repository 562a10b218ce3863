package dev.keel.platform.security;

import org.springframework.modulith.NamedInterface;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified access token into the caller. The accounts module provides the real one, which checks
 * the account's current status and roles; without it the token's own claims are trusted.
 */
@FunctionalInterface
@NamedInterface("security")
public interface PrincipalResolver {

    /**
     * The caller a verified token stands for.
     *
     * @throws AuthenticationException when the token's account may no longer act
     */
    AuthenticatedUser resolve(Jwt token);
}
