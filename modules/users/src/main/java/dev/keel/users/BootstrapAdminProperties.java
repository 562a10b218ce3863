package dev.keel.users;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin account, created once, at the first start with both values set, if no account has that
 * email yet; a deleted bootstrap admin is not created again.
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
