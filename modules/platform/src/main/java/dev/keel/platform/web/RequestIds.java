package dev.keel.platform.web;

import dev.keel.platform.tracing.TraceContexts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is sane, otherwise the id of the
 * request's trace (Spring Boot's observation filter, which runs just before this one, opened its span), or
 * a new one where tracing is off. The id is echoed in the response, put in the logging context and used as
 * the problem {@code traceId}; log lines also carry the trace and span ids themselves.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Supplier<@Nullable TraceContexts> traces;

    RequestIds(ObjectProvider<TraceContexts> traces) {
        // Looked up once, at the first request: web slices of the tests have no tracing.
        this.traces = SingletonSupplier.of(traces::getIfAvailable);
    }

    public static String current(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : assign(request, null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var sent = request.getHeader(HEADER);
        var id = assign(request, sent != null && SANE.matcher(sent).matches() ? sent : traceId());
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * A random 128-bit id in UUID form. Request ids need to be unique, not secret, so they come from a
     * thread-local generator instead of the shared, locking SecureRandom behind UUID.randomUUID().
     */
    static String newId() {
        var random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private @Nullable String traceId() {
        var contexts = traces.get();
        return contexts == null ? null : contexts.currentTraceId();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    /** Assigns {@code candidate}, already checked, or a new id where there is none. */
    private static String assign(HttpServletRequest request, @Nullable String candidate) {
        var id = candidate != null ? candidate : newId();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }
}
