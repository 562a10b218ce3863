package dev.keel.users;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin account, created at start when both values are set and no account has that email yet.
 *
 * @param email the admin's email
 * @param password the admin's initial password (from the environment; never logged)
 */
@ConfigurationProperties("keel.bootstrap-admin")
record BootstrapAdminProperties(
        @Nullable String email, @Nullable String password) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "BootstrapAdminProperties[email=" + email + "]";
    }
}
