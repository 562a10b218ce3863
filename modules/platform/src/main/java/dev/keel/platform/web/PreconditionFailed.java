package dev.keel.platform.web;

import org.springframework.http.HttpStatus;

/** An {@code If-Match} precondition that names a version other than the current one. */
public class PreconditionFailed extends KeelProblem {

    public PreconditionFailed() {
        super(
                HttpStatus.PRECONDITION_FAILED,
                ProblemCodes.PRECONDITION_FAILED,
                "The resource has changed since the version named in If-Match.");
    }
}
