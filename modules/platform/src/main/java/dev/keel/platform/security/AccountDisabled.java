package dev.keel.platform.security;

import org.springframework.security.authentication.DisabledException;

/** The account behind a still-valid token was disabled; answered with 403 {@code account_disabled}. */
public class AccountDisabled extends DisabledException {

    public AccountDisabled() {
        super("The account is disabled.");
    }
}
