package dev.keel.platform.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated bearer token: the caller, their roles as authorities, and the token itself. */
public final class KeelAuthentication extends AbstractAuthenticationToken {

    private final AuthenticatedUser user;
    private final Jwt token;

    public KeelAuthentication(AuthenticatedUser user, Jwt token) {
        super(authorities(user));
        this.user = user;
        this.token = token;
        setAuthenticated(true);
    }

    private static Collection<SimpleGrantedAuthority> authorities(AuthenticatedUser user) {
        return user.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    @Override
    public AuthenticatedUser getPrincipal() {
        return user;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return user.id().toString();
    }
}
