package dev.keel.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.modulith.NamedInterface;

/** A request that contradicts the current state of a resource. */
@NamedInterface("web")
public class Conflict extends KeelProblem {

    public Conflict(String code, String detail) {
        super(HttpStatus.CONFLICT, code, detail);
    }

    public Conflict(String detail) {
        this(ProblemCodes.CONFLICT, detail);
    }
}
