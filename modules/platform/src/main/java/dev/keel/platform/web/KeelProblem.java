package dev.keel.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.modulith.NamedInterface;
import org.springframework.web.ErrorResponseException;

/**
 * Base of the exceptions modules throw for a failure a client caused. Each one renders as an RFC 9457
 * problem with a stable {@code code}; subclasses are named for what happened ({@code EmailTaken}).
 */
@NamedInterface("web")
public abstract class KeelProblem extends ErrorResponseException {

    protected KeelProblem(HttpStatus status, String code, String detail) {
        super(status, problem(status, code, detail), null);
    }

    public String code() {
        var properties = getBody().getProperties();
        return properties == null ? ProblemCodes.forStatus(getStatusCode()) : String.valueOf(properties.get("code"));
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }
}
