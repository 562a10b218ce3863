package dev.keel.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.modulith.NamedInterface;

/** Input that is well-formed but breaks a rule only the domain can check (e.g. a password policy). */
@NamedInterface("web")
public class InvalidInput extends KeelProblem {

    public InvalidInput(FieldViolation... violations) {
        this(List.of(violations));
    }

    public InvalidInput(List<FieldViolation> violations) {
        super(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "The request has invalid fields.");
        getBody().setProperty("errors", List.copyOf(violations));
    }
}
