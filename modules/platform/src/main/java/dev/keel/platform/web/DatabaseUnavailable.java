package dev.keel.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database cannot be reached, or gave up on the statement: no connection within the pool's timeout, a
 * connection lost or refused, the server shutting down or out of connections. The request changed nothing
 * (its transaction did not commit) and can be retried, so it is answered {@code 503 service_unavailable}
 * with {@code Retry-After}, not as an unexpected error.
 */
@Component
@NamedInterface("web")
public class DatabaseUnavailable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailable.class);

    /** SQL states of a lost or refused connection (class 08), an operator intervention (57P0x) and 53300. */
    private static boolean unavailableState(@Nullable String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300"));
    }

    /**
     * What HikariCP's proxy throws once it closed a connection the database had dropped (without an SQL
     * state): a rollback after a lost connection fails with it and hides the statement's own error.
     */
    private static boolean closedByThePool(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    private final Problems problems;
    private final String retryAfter;

    DatabaseUnavailable(Problems problems, WebProperties properties) {
        this.problems = problems;
        this.retryAfter =
                Long.toString(Math.max(1, properties.unavailableRetryAfter().toSeconds()));
    }

    /** Whether the exception, or one of its causes, says the database is unavailable. */
    public static boolean causedBy(@Nullable Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || (t instanceof SQLException sql
                            && (unavailableState(sql.getSQLState()) || closedByThePool(sql)))) {
                return true;
            }
        }
        return false;
    }

    ResponseEntity<ProblemDetail> respond(Throwable ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .body(problem(ex, request));
    }

    /** The same answer, from a filter that runs before Spring MVC. */
    public void write(Throwable ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        problems.write(response, problem(ex, request));
    }

    private ProblemDetail problem(Throwable ex, HttpServletRequest request) {
        // One line, no stack: an outage fails every request, and the cause is the same for all of them.
        LOG.warn(
                "Database unavailable on {} {} (trace id {}): {}",
                request.getMethod(),
                request.getRequestURI(),
                RequestIds.current(request),
                rootMessage(ex));
        return problems.create(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemCodes.SERVICE_UNAVAILABLE,
                "The service is temporarily unavailable; nothing was changed. Retry after Retry-After seconds.",
                request);
    }

    /**
     * Logs a background task that failed and will run again ({@code then} says when). Failing because the
     * database went away is expected during an outage, and every run meets the same cause: one WARN line with
     * it. Anything else is a defect: ERROR with the stack.
     */
    public static void logFailure(Logger log, String task, String then, Throwable ex) {
        if (causedBy(ex)) {
            log.warn("{} stopped, the database is unavailable ({}); {}", task, rootMessage(ex), then);
        } else {
            log.error("{} failed; {}", task, then, ex);
        }
    }

    /** The innermost cause in one line ({@code ConnectException: Connection refused}), for a log without a stack. */
    private static String rootMessage(Throwable ex) {
        var root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
