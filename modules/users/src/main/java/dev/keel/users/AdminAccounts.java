package dev.keel.users;

import java.util.UUID;

/**
 * Creates admin accounts chosen by an operator (the {@code users create-admin} command): the same rules
 * as the configured bootstrap admin, without any HTTP request.
 */
public interface AdminAccounts {

    /**
     * Creates an active account with the USER and ADMIN roles.
     *
     * @return the new account's id
     * @throws dev.keel.platform.web.KeelProblem with code {@code email_taken} when an account has this email,
     *     or {@code validation_failed} when the password is too short or too long
     */
    UUID createAdmin(String email, String password);
}
