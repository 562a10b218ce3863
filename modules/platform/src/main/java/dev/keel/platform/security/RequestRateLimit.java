package dev.keel.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keel.platform.web.ClientAddresses;
import dev.keel.platform.web.ProblemCodes;
import dev.keel.platform.web.Problems;
import dev.keel.platform.web.RateLimit;
import dev.keel.platform.web.RateLimiter;
import dev.keel.platform.web.WebProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a client's requests to {@code /api/**} past {@code keel.web.client-rate-limit} with {@code 429
 * rate_limited}, before they reach a handler or the database, so that one client's flood costs the others
 * nothing. Runs after authentication: a signed-in caller is counted as the user, anyone else by client
 * address. The buckets live in this replica's memory (a request must not wait for the database to be
 * counted), in a bounded map.
 */
final class RequestRateLimit extends OncePerRequestFilter {

    private final BucketConfiguration limit;
    private final int requests;
    private final Cache<String, Bucket> buckets;
    private final Problems problems;

    RequestRateLimit(WebProperties.ClientRateLimit settings, Problems problems) {
        this.limit = RateLimiter.limit(settings.requests(), settings.window());
        this.requests = settings.requests();
        // A bucket untouched for a whole window is full again: forgetting it changes no answer.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(settings.maxClients())
                .expireAfterAccess(settings.window())
                .build();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var probe = buckets.get(client(request), key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        RateLimit.of(probe, requests).report(response);
        problems.write(
                response,
                problems.create(
                        HttpStatus.TOO_MANY_REQUESTS,
                        ProblemCodes.RATE_LIMITED,
                        "Too many requests; try again after Retry-After seconds.",
                        request));
    }

    private Bucket newBucket() {
        var bucket = Bucket.builder();
        for (var bandwidth : limit.getBandwidths()) {
            bucket.addLimit(bandwidth);
        }
        return bucket.build();
    }

    private static String client(HttpServletRequest request) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "user:" + authentication.getName();
        }
        return "ip:" + ClientAddresses.key(request.getRemoteAddr());
    }
}
