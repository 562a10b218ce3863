package dev.keel.users;

import dev.keel.platform.web.KeelProblem;
import org.springframework.http.HttpStatus;

/** The failures of the users module that clients can act on, each with its stable code. */
final class UsersProblems {

    private UsersProblems() {}

    static final class EmailTaken extends KeelProblem {
        EmailTaken() {
            super(HttpStatus.CONFLICT, "email_taken", "An account with this email already exists.");
        }
    }

    static final class InvalidCredentials extends KeelProblem {
        InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, "invalid_credentials", "The email or password is wrong.");
        }
    }

    static final class InvalidPassword extends KeelProblem {
        InvalidPassword() {
            super(HttpStatus.BAD_REQUEST, "invalid_password", "The current password is wrong.");
        }
    }

    static final class InvalidToken extends KeelProblem {
        InvalidToken(HttpStatus status) {
            super(status, "invalid_token", "The token is invalid, expired or already used.");
        }
    }
}
