package dev.keel;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;

/**
 * Spring Boot's report of a refused setting quotes its value. For a secret (a password, key, token or
 * credential) that would put the secret into the log of every failed start, so this analyzer, ahead of
 * Boot's, reports such settings with their origin and reason only. Other settings keep Boot's report.
 */
class SecretSafeBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private static final List<String> SECRET_WORDS = List.of("password", "secret", "key", "token", "credential");
    static final String REDACTED = "(not shown: a secret)";

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        var validation = findCause(cause, BindValidationException.class);
        var description = new StringBuilder(
                "Binding to target %s failed:%n".formatted(cause.getTarget().getType()));
        var secret = false;
        if (validation != null) {
            for (var error : validation.getValidationErrors()) {
                if (error instanceof FieldError field) {
                    var property = field.getObjectName() + "." + DataObjectPropertyName.toDashedForm(field.getField());
                    var isSecret = isSecret(property);
                    secret |= isSecret;
                    var value = isSecret ? REDACTED : String.valueOf(field.getRejectedValue());
                    describe(description, property, value, Origin.from(field), field.getDefaultMessage());
                }
            }
        } else if (isSecret(cause.getName().toString())) {
            secret = true;
            var reason = "it cannot be converted to the setting's type";
            describe(description, cause.getName().toString(), REDACTED, cause.getOrigin(), reason);
        }
        if (!secret) {
            return null;
        }
        return new FailureAnalysis(description.toString(), "Update your application's configuration", cause);
    }

    static boolean isSecret(String property) {
        var name = property.toLowerCase(Locale.ROOT);
        var last = name.substring(name.lastIndexOf('.') + 1);
        return SECRET_WORDS.stream().anyMatch(last::contains);
    }

    private static void describe(
            StringBuilder description,
            String property,
            String value,
            @Nullable Origin origin,
            @Nullable String reason) {
        description.append("%n    Property: %s%n    Value: %s%n".formatted(property, value));
        if (origin != null) {
            description.append("    Origin: %s%n".formatted(origin));
        }
        description.append("    Reason: %s%n".formatted(reason));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
