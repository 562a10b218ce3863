package dev.keel.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.modulith.NamedInterface;

/** A resource that does not exist, or that the caller may not know exists. */
@NamedInterface("web")
public class NotFound extends KeelProblem {

    public NotFound(String what) {
        super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, what + " not found.");
    }
}
