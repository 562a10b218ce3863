package dev.keel.platform.web;

import org.springframework.http.HttpStatus;

/** A request that contradicts the current state of a resource. */
public class Conflict extends KeelProblem {

    public Conflict(String code, String detail) {
        super(HttpStatus.CONFLICT, code, detail);
    }

    public Conflict(String detail) {
        this(ProblemCodes.CONFLICT, detail);
    }
}
