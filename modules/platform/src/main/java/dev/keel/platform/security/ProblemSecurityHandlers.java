package dev.keel.platform.security;

import dev.keel.platform.web.DatabaseUnavailable;
import dev.keel.platform.web.ProblemCodes;
import dev.keel.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 answers of the security filters, as problems like every other error. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;
    private final DatabaseUnavailable databaseUnavailable;

    ProblemSecurityHandlers(Problems problems, DatabaseUnavailable databaseUnavailable) {
        this.problems = problems;
        this.databaseUnavailable = databaseUnavailable;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        // The token could not be checked against the account: that is no reason to sign the caller out.
        if (DatabaseUnavailable.causedBy(ex)) {
            databaseUnavailable.write(ex, request, response);
            return;
        }
        if (ex instanceof AccountDisabled) {
            problems.write(
                    response,
                    problems.create(
                            HttpStatus.FORBIDDEN, ProblemCodes.ACCOUNT_DISABLED, AccountDisabled.DETAIL, request));
            return;
        }
        boolean badToken = ex instanceof InvalidBearerTokenException;
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                badToken
                        ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                        : "Bearer");
        problems.write(
                response,
                problems.create(
                        HttpStatus.UNAUTHORIZED,
                        ProblemCodes.UNAUTHENTICATED,
                        badToken ? "The access token is invalid or expired." : "Authentication is required.",
                        request));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        problems.write(
                response,
                problems.create(
                        HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "You are not allowed to do this.", request));
    }
}
