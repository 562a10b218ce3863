package dev.keel.users;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * A new password that keeps the {@link PasswordPolicy} rules needing no account (length, the common list),
 * checked with the request's other fields, so that one answer reports every invalid field. The violation's
 * code is the rule's ({@code length}, {@code too_common}). The rule that needs the account (the email) is
 * checked when the account is known.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidPassword.Validator.class)
@interface ValidPassword {

    String message() default "is not a valid password";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Bean Validation creates it and Spring injects the policy. */
    final class Validator implements ConstraintValidator<ValidPassword, String> {

        private final PasswordPolicy policy;

        Validator(PasswordPolicy policy) {
            this.policy = policy;
        }

        @Override
        public boolean isValid(@Nullable String password, ConstraintValidatorContext context) {
            if (password == null) {
                return true;
            }
            var broken = policy.brokenRule(password);
            if (broken == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .withDynamicPayload(broken.code())
                    .buildConstraintViolationWithTemplate(broken.message())
                    .addConstraintViolation();
            return false;
        }
    }
}
