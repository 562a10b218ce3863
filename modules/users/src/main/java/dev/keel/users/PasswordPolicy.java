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
import org.jspecify.annotations.Nullable;
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

    /** A broken rule: its problem code and message. */
    record Broken(String code, String message) {}

    /** @throws InvalidInput naming {@code field} when the password breaks a rule */
    void check(String password, String email, String field) {
        var broken = brokenRule(password);
        if (broken != null) {
            throw new InvalidInput(new FieldViolation(field, broken.code(), broken.message()));
        }
        var localPart = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (localPart.length() >= 3 && password.toLowerCase(Locale.ROOT).contains(localPart)) {
            throw new InvalidInput(new FieldViolation(field, "contains_email", "must not contain your email address"));
        }
    }

    void checkLength(String password, String field) {
        var broken = brokenLength(password);
        if (broken != null) {
            throw new InvalidInput(new FieldViolation(field, broken.code(), broken.message()));
        }
    }

    /** The first rule that needs no account the password breaks (length, then the common list), or null. */
    @Nullable
    Broken brokenRule(String password) {
        var broken = brokenLength(password);
        if (broken == null && commonPasswords.contains(password.toLowerCase(Locale.ROOT))) {
            broken = new Broken("too_common", "is one of the most common passwords");
        }
        return broken;
    }

    @Nullable
    private static Broken brokenLength(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return new Broken("length", "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        return null;
    }

    int size() {
        return commonPasswords.size();
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
