package dev.keel.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Logs every request once, after it completed: method, path, status, duration and user. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AccessLog extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger("dev.keel.access");
    private static final String USER_ATTRIBUTE = AccessLog.class.getName() + ".user";

    /** Called once the caller is known, so the log line can name them. */
    public static void recordUser(HttpServletRequest request, UUID userId) {
        request.setAttribute(USER_ATTRIBUTE, userId);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (LOG.isInfoEnabled()) {
                log(request, response.getStatus(), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    private static void log(HttpServletRequest request, int status, long millis) {
        var user = request.getAttribute(USER_ATTRIBUTE) instanceof UUID id ? id.toString() : "-";
        LOG.atInfo()
                .addKeyValue("http.method", request.getMethod())
                .addKeyValue("http.path", request.getRequestURI())
                .addKeyValue("http.status", status)
                .addKeyValue("duration_ms", millis)
                .addKeyValue("user_id", user)
                .log("{} {} {} {}ms user={}", request.getMethod(), request.getRequestURI(), status, millis, user);
    }
}
