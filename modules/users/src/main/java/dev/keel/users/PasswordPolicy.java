package dev.keel.users;

import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.InvalidInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a password must be: 10 to 128 characters, not one of the bundled common passwords, and not
 * containing the local part of the account's email address.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    private static final String COMMON_PASSWORDS = "common-passwords.txt";

    private final Set<String> commonPasswords;

    PasswordPolicy() {
        this.commonPasswords = load();
    }

    /** @throws InvalidInput naming {@code field} when the password breaks a rule */
    void check(String password, String email, String field) {
        checkLength(password, field);
        var lowered = password.toLowerCase(Locale.ROOT);
        if (commonPasswords.contains(lowered)) {
            throw violation(field, "too_common", "is one of the most common passwords");
        }
        var localPart = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (localPart.length() >= 3 && lowered.contains(localPart)) {
            throw violation(field, "contains_email", "must not contain your email address");
        }
    }

    void checkLength(String password, String field) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw violation(field, "length", "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
    }

    int size() {
        return commonPasswords.size();
    }

    private static InvalidInput violation(String field, String code, String message) {
        return new InvalidInput(new FieldViolation(field, code, message));
    }

    private static Set<String> load() {
        var passwords = new HashSet<String>(65_536);
        var stream = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS);
        if (stream == null) {
            throw new IllegalStateException("The common password list " + COMMON_PASSWORDS + " is missing");
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> passwords.add(line.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
