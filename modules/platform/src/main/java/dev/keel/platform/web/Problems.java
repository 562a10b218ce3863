package dev.keel.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completes problem responses the same way on every path (controllers, filters, security, the error
 * page): a stable {@code type} and {@code code}, the request path as {@code instance}, and the request's
 * trace id.
 */
@Component
public class Problems {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public ProblemDetail complete(ProblemDetail problem, @Nullable HttpServletRequest request) {
        var properties = problem.getProperties();
        var code = properties != null && properties.get("code") instanceof String c
                ? c
                : ProblemCodes.forStatus(HttpStatusCode.valueOf(problem.getStatus()));
        problem.setProperty("code", code);
        if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
            problem.setType(ProblemCodes.type(code));
        }
        if (request != null) {
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(request.getRequestURI()));
            }
            problem.setProperty("traceId", RequestIds.current(request));
        }
        return problem;
    }

    public ProblemDetail create(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return complete(problem, request);
    }

    /** Writes a problem directly, for the paths that run before Spring MVC (filters, security). */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), asMap(problem));
    }

    private static Map<String, @Nullable Object> asMap(ProblemDetail problem) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
