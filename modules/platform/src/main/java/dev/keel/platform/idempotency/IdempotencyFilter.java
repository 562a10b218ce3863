package dev.keel.platform.idempotency;

import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.ProblemCodes;
import dev.keel.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * Makes POST requests safe to retry. With an {@code Idempotency-Key}, the first request of a caller runs
 * and its response is stored; a retry with the same key and body gets that response again (with
 * {@code Idempotent-Replayed: true}), a retry with another body 422, and one that arrives while the
 * first still runs 409. Runs after authorisation, so keys belong to callers and refused requests use
 * none. The token endpoints are left out: their responses are credentials, which are never stored.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Set<String> REPLAYED_HEADERS =
            Set.of("content-type", "content-language", "location", "etag", "last-modified", "retry-after");

    private final IdempotencyStore store;
    private final List<IdempotencyKeyRequirement> requirements;
    private final Problems problems;

    IdempotencyFilter(IdempotencyStore store, List<IdempotencyKeyRequirement> requirements, Problems problems) {
        this.store = store;
        this.requirements = requirements;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The decoded path, as routing sees it: /api/v1/%61uth/token is the token endpoint too.
        var path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        return !"POST".equals(request.getMethod()) || !path.startsWith("/api/") || path.startsWith("/api/v1/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var key = request.getHeader(HEADER);
        if (key == null) {
            if (requirements.stream().anyMatch(requirement -> requirement.requiresKey(request))) {
                refuse(
                        request,
                        response,
                        HttpStatus.BAD_REQUEST,
                        "idempotency_key_required",
                        "This request needs an Idempotency-Key header.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            var problem = problems.create(
                    HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "The request has invalid fields.", request);
            problem.setProperty(
                    "errors",
                    List.of(new FieldViolation(
                            HEADER, "length", "must be between 1 and " + MAX_KEY_LENGTH + " characters")));
            problems.write(response, problem);
            return;
        }
        var body = request.getInputStream().readAllBytes();
        var requestHash = hash(request, body);
        var owner = owner(requestHash);
        // Plain instanceof rather than switch patterns: the formatter parses with Maven's own JVM (17 here).
        if (!(store.claim(owner, key, requestHash) instanceof IdempotencyStore.Claim.Taken taken)) {
            runAndStore(request, response, chain, body, owner, key);
        } else if (!taken.entry().requestHash().equals(requestHash)) {
            refuse(
                    request,
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request.");
        } else if (!taken.entry().completed()) {
            refuse(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "request_in_progress",
                    "A request with this Idempotency-Key is still running; retry later.");
        } else {
            replay(response, taken.entry());
        }
    }

    private void runAndStore(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            byte[] body,
            String owner,
            String key)
            throws ServletException, IOException {
        var recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new RepeatableBodyRequest(request, body), recorded);
        } catch (ServletException | IOException | RuntimeException e) {
            store.release(owner, key);
            throw e;
        }
        // Server errors may go well on a retry; a request no endpoint took (an unknown route, a wrong method)
        // has nothing to protect, and storing it would let anyone fill the store with made-up paths.
        boolean takenByAnEndpoint =
                request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod;
        if (recorded.getStatus() >= 500 || !takenByAnEndpoint) {
            store.release(owner, key);
        } else {
            store.complete(
                    owner,
                    key,
                    recorded.getStatus(),
                    headers(recorded),
                    recorded.getContentAsByteArray(),
                    request.getAttribute(IdempotentAnswers.SUBJECT) instanceof UUID subject ? subject : null);
        }
        recorded.copyBodyToResponse();
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.Entry entry) throws IOException {
        response.setStatus(entry.responseStatus());
        new BufferedReader(new InputStreamReader(
                        new ByteArrayInputStream(entry.responseHeaders().getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8))
                .lines()
                .filter(line -> line.contains(":"))
                .forEach(line -> {
                    int colon = line.indexOf(':');
                    response.addHeader(line.substring(0, colon), line.substring(colon + 1));
                });
        response.setHeader(REPLAYED_HEADER, "true");
        var body = entry.responseBody();
        if (body != null && body.hasRemaining()) {
            Channels.newChannel(response.getOutputStream()).write(body.duplicate());
        }
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        problems.write(response, problems.create(status, code, detail, request));
    }

    /**
     * Keys belong to the caller. Anonymous callers cannot be told apart, so their keys are scoped by the
     * request itself: one client's key never blocks or answers another's different request.
     */
    private static String owner(String requestHash) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null
                        || authentication instanceof AnonymousAuthenticationToken
                        || !authentication.isAuthenticated()
                ? "anonymous:" + requestHash
                : "user:" + authentication.getName();
    }

    /** The same key may only be replayed for the same request: method, path, query, body. */
    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod()
                            + ' '
                            + request.getRequestURI()
                            + '?'
                            + Objects.toString(request.getQueryString(), "")
                            + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String headers(HttpServletResponse response) {
        var lines = new StringBuilder();
        for (var name : response.getHeaderNames()) {
            if (REPLAYED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                for (var value : response.getHeaders(name)) {
                    lines.append(name).append(':').append(value).append('\n');
                }
            }
        }
        var contentType = response.getContentType();
        if (contentType != null && lines.indexOf("Content-Type:") < 0) {
            lines.append("Content-Type:").append(contentType).append('\n');
        }
        return lines.toString();
    }

    /** The request with its body already read (for the hash), readable once more by the controller. */
    private static final class RepeatableBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        RepeatableBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
