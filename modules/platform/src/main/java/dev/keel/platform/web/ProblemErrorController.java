package dev.keel.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders what reaches the servlet container's error page (errors raised outside Spring MVC, such as a
 * request the container itself rejects) as a problem, in place of Spring Boot's default error body.
 */
@RestController
@Hidden // the container's error page, not an operation of the API
class ProblemErrorController implements ErrorController {

    private final Problems problems;
    private final DatabaseUnavailable databaseUnavailable;

    ProblemErrorController(Problems problems, DatabaseUnavailable databaseUnavailable) {
        this.problems = problems;
        this.databaseUnavailable = databaseUnavailable;
    }

    @RequestMapping("${spring.web.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // A filter (sign-in, idempotency) that needed the database and could not reach it.
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.causedBy(failure)) {
            return databaseUnavailable.respond(failure, request);
        }
        var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatusCode.valueOf(code)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ErrorResponse known
                && !known.getStatusCode().is5xxServerError()) {
            status = known.getStatusCode();
            problem = known.getBody();
        } else {
            problem = ProblemDetail.forStatusAndDetail(
                    status,
                    status.is5xxServerError()
                            ? "An unexpected error occurred. Quote the trace id when reporting it."
                            : "The request could not be processed.");
        }
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(java.net.URI.create(uri));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.complete(problem, request));
    }
}
