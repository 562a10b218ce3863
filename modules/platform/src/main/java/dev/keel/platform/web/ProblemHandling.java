package dev.keel.platform.web;

import dev.keel.platform.security.AccountDisabled;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one mapping from exceptions to RFC 9457 problems. Spring MVC's own exceptions keep their status;
 * every problem gets a stable {@code code} and the request's {@code traceId}; nothing internal (messages
 * of unexpected exceptions, SQL, class names) reaches the client.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandling.class);

    private final Problems problems;
    private final DatabaseUnavailable databaseUnavailable;

    public ProblemHandling(Problems problems, DatabaseUnavailable databaseUnavailable) {
        this.problems = problems;
        this.databaseUnavailable = databaseUnavailable;
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
        return respond(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHENTICATED, "Authentication is required.", request);
    }

    /** A disabled account, found while signing in or behind a still-valid token. */
    @ExceptionHandler(AccountDisabled.class)
    ResponseEntity<ProblemDetail> accountDisabled(AccountDisabled ex, HttpServletRequest request) {
        return respond(HttpStatus.FORBIDDEN, ProblemCodes.ACCOUNT_DISABLED, AccountDisabled.DETAIL, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex, HttpServletRequest request) {
        return respond(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "You are not allowed to do this.", request);
    }

    /** A lost optimistic race or a lock the database gave up on (deadlock, lock timeout): retry. */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> concurrentUpdate(ConcurrencyFailureException ex, HttpServletRequest request) {
        return respond(
                HttpStatus.CONFLICT,
                ProblemCodes.CONFLICT,
                "The resource was changed by another request; fetch it again and retry.",
                request);
    }

    /**
     * Values the database refused. Data exceptions (SQL state class 22: a NUL character, text too long
     * for its column) are the client's input; other integrity violations are conflicts with stored data.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> refusedByDatabase(DataIntegrityViolationException ex, HttpServletRequest request) {
        var sql = findCause(ex, SQLException.class);
        var state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("22")) {
            return respond(
                    HttpStatus.BAD_REQUEST,
                    ProblemCodes.VALIDATION_FAILED,
                    "A value is not acceptable (for example it contains a NUL character or is too long).",
                    request);
        }
        if (state.startsWith("23")) {
            return respond(
                    HttpStatus.CONFLICT,
                    ProblemCodes.CONFLICT,
                    "The request conflicts with the current state of the resource.",
                    request);
        }
        return unexpected(ex, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        var violations = ex.getConstraintViolations().stream()
                .map(v -> new FieldViolation(
                        lastNode(v.getPropertyPath().toString()),
                        constraintCode(v.getConstraintDescriptor()
                                .getAnnotation()
                                .annotationType()
                                .getSimpleName()),
                        v.getMessage()))
                .toList();
        return validationFailed(violations, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
        if (DatabaseUnavailable.causedBy(ex)) {
            return databaseUnavailable.respond(ex, request);
        }
        LOG.error(
                "Unexpected error on {} {} (trace id {})",
                request.getMethod(),
                request.getRequestURI(),
                RequestIds.current(request),
                ex);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemCodes.INTERNAL_ERROR,
                "An unexpected error occurred. Quote the trace id when reporting it.",
                request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var violations = new ArrayList<FieldViolation>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            violations.add(new FieldViolation(error.getField(), code(error), message(error)));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> violations.add(
                        new FieldViolation(error.getObjectName(), constraintCode(error.getCode()), message(error))));
        return asObject(validationFailed(violations, servletRequest(request)));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var violations = new ArrayList<FieldViolation>();
        ex.getParameterValidationResults().forEach(result -> {
            var name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> violations.add(new FieldViolation(
                            name == null ? "parameter" : name, constraintCode(lastCode(error)), message(error))));
        });
        return asObject(validationFailed(violations, servletRequest(request)));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var servletRequest = servletRequest(request);
        var tooLarge = findCause(ex, PayloadTooLarge.class);
        if (tooLarge != null) {
            return asObject(ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(problems.complete(tooLarge.getBody(), servletRequest)));
        }
        var unknownField = findCause(ex, UnrecognizedPropertyException.class);
        if (unknownField != null) {
            var field = path(unknownField);
            return asObject(validationFailed(
                    List.of(new FieldViolation(field, "unknown_field", "Unknown field '" + field + "'.")),
                    servletRequest));
        }
        var unstorable = findCause(ex, UnstorableText.class);
        if (unstorable != null) {
            var field = path(unstorable);
            return asObject(validationFailed(
                    List.of(new FieldViolation(
                            field, "invalid_characters", "Field '" + field + "' " + unstorable.flaw() + ".")),
                    servletRequest));
        }
        var databind = findCause(ex, DatabindException.class);
        if (databind != null && !databind.getPath().isEmpty()) {
            var field = path(databind);
            var wrongType = databind instanceof MismatchedInputException;
            return asObject(validationFailed(
                    List.of(new FieldViolation(
                            field,
                            wrongType ? "invalid_type" : "invalid_value",
                            "Field '" + field + "' has " + (wrongType ? "the wrong type." : "an invalid value."))),
                    servletRequest));
        }
        return asObject(respond(
                HttpStatus.BAD_REQUEST,
                ProblemCodes.MALFORMED_JSON,
                "The request body is missing or is not valid JSON.",
                servletRequest));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        if (ex instanceof MethodArgumentTypeMismatchException mismatch
                && mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            // A malformed id names no resource at all.
            return asObject(respond(
                    HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "Resource not found.", servletRequest(request)));
        }
        var name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        return asObject(validationFailed(
                List.of(new FieldViolation(name, "invalid_type", "Parameter '" + name + "' has an invalid value.")),
                servletRequest(request)));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(
                respond(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No such resource.", servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (statusCode.is5xxServerError()) {
                problem.setDetail("An unexpected error occurred. Quote the trace id when reporting it.");
            }
            body = problems.complete(problem, servletRequest(request));
        }
        return new ResponseEntity<>(body, headers, statusCode);
    }

    private ResponseEntity<ProblemDetail> validationFailed(
            List<FieldViolation> violations, HttpServletRequest request) {
        var problem = problems.create(
                HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "The request has invalid fields.", request);
        problem.setProperty("errors", violations);
        return ResponseEntity.badRequest().body(problem);
    }

    private ResponseEntity<ProblemDetail> respond(
            HttpStatus status, String code, String detail, HttpServletRequest request) {
        return ResponseEntity.status(status).body(problems.create(status, code, detail, request));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<?> response) {
        return (ResponseEntity) response;
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return Objects.requireNonNull(((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class));
    }

    private static String path(DatabindException ex) {
        var path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static @Nullable String lastCode(MessageSourceResolvable error) {
        var codes = error.getCodes();
        return codes == null || codes.length == 0 ? null : codes[codes.length - 1];
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    /**
     * The code of a field's violation: the one its constraint named (Hibernate Validator's dynamic payload,
     * for constraints with several rules, such as a password policy), else the constraint's own name.
     */
    private static String code(FieldError error) {
        if (error.contains(ConstraintViolation.class)
                && error.unwrap(ConstraintViolation.class) instanceof HibernateConstraintViolation<?> violation) {
            var named = violation.getDynamicPayload(String.class);
            if (named != null) {
                return named;
            }
        }
        return constraintCode(error.getCode());
    }

    /** {@code NotBlank} becomes {@code not_blank}: a stable, language-neutral reason per field. */
    static String constraintCode(@Nullable String constraint) {
        if (constraint == null || constraint.isBlank()) {
            return "invalid";
        }
        return constraint.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
