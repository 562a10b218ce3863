package dev.keel.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.platform.web.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTests {

    static final PasswordPolicy POLICY = new PasswordPolicy();

    @Test
    void bundlesAtLeastTenThousandCommonPasswords() {
        assertThat(POLICY.size()).isGreaterThanOrEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "1234567890", "qwertyuiop", "QWERTYUIOP", "Password1234"})
    void refusesCommonPasswordsWhateverTheirCase(String password) {
        assertThatThrownBy(() -> POLICY.check(password, "someone@example.com", "password"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.getBody().getProperties())
                                .extracting("errors")
                                .asString()
                                .contains("too_common"));
    }

    @Test
    void refusesTooShortAndTooLongPasswords() {
        assertThatThrownBy(() -> POLICY.check("nine-char", "a@example.com", "password"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> POLICY.check("x".repeat(129), "a@example.com", "password"))
                .isInstanceOf(InvalidInput.class);
        assertThatCode(() -> POLICY.check("x1y2z3w4v5", "a@example.com", "password"))
                .doesNotThrowAnyException();
        assertThatCode(() -> POLICY.check("ab3".repeat(42) + "cd", "a@example.com", "password"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesPasswordsContainingTheEmailLocalPart() {
        assertThatThrownBy(() -> POLICY.check("Margaret-2026!", "margaret@example.com", "newPassword"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.getBody().getProperties())
                                .extracting("errors")
                                .asString()
                                .contains("contains_email", "newPassword"));
    }
}
