package dev.keel.platform.security;

import org.springframework.modulith.NamedInterface;
import org.springframework.security.authentication.DisabledException;

/**
 * The account is disabled: found when signing in, or behind a still-valid token. Answered with 403 {@code
 * account_disabled} by the security filters and by the problem handling alike.
 */
@NamedInterface("security")
public class AccountDisabled extends DisabledException {

    public static final String DETAIL = "The account is disabled.";

    public AccountDisabled() {
        super(DETAIL);
    }
}
