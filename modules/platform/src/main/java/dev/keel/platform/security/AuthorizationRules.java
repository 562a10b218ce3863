package dev.keel.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's contribution to the request authorisation rules, such as the paths anyone may call. Every
 * path no rule names requires an authenticated caller; {@code /api/v1/admin/**} requires an admin.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules);
}
