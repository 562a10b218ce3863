package dev.keel.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers Tomcat gives by itself, for requests it refuses before any filter or error page of the application
 * runs (a request line or headers over the size limit, bytes HTTP does not allow in them), as problems like every
 * other answer instead of Tomcat's HTML page: the status's code, a new request id as {@code X-Request-Id} and
 * {@code traceId}, and neither the request's path nor anything else it sent, since Tomcat could not read it.
 */
final class ProblemReportValve extends ErrorReportValve {

    private final JsonMapper json;

    ProblemReportValve(JsonMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var code = ProblemCodes.forStatus(HttpStatusCode.valueOf(status));
        var reason = HttpStatus.resolve(status);
        var id = RequestIds.newId();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemCodes.type(code).toString());
        problem.put("title", reason == null ? "Error" : reason.getReasonPhrase());
        problem.put("status", status);
        problem.put(
                "detail",
                status >= 500
                        ? "The server could not answer the request."
                        : "The request could not be read: its request line or headers are too long or hold"
                                + " characters HTTP does not allow there.");
        problem.put("code", code);
        problem.put("traceId", id);
        try {
            response.setHeader(RequestIds.HEADER, id);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more: there is nobody left to tell.
        }
    }
}
