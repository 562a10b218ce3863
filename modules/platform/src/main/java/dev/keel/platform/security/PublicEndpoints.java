package dev.keel.platform.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A module's endpoints that anyone may call. A bearer token sent to them is ignored rather than checked,
 * so that a client whose access token just expired can still sign in or refresh. Every other path needs
 * an authenticated caller, and {@code /api/v1/admin/**} an admin.
 *
 * @param method the HTTP method
 * @param patterns path patterns, such as {@code /api/v1/auth/**}
 */
@NamedInterface("security")
public record PublicEndpoints(HttpMethod method, List<String> patterns) {

    public PublicEndpoints {
        patterns = List.copyOf(patterns);
    }

    public static PublicEndpoints get(String... patterns) {
        return new PublicEndpoints(HttpMethod.GET, List.of(patterns));
    }

    public static PublicEndpoints post(String... patterns) {
        return new PublicEndpoints(HttpMethod.POST, List.of(patterns));
    }

    RequestMatcher matcher() {
        var builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(patterns.stream()
                .map(pattern -> (RequestMatcher) builder.matcher(method, pattern))
                .toList());
    }
}
