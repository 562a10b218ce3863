package dev.keel.billing;

import dev.keel.billing.cycle.Dunning;
import dev.keel.platform.idempotency.IdempotencyKeyRequirement;
import dev.keel.platform.security.PublicEndpoints;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPatternParser;

@Configuration(proxyBeanMethods = false)
// Outside the transactions, so an eviction happens after the change committed, never before.
@EnableCaching(order = Ordered.LOWEST_PRECEDENCE - 1)
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfiguration {

    /** The plan catalogue is public, like a pricing page. */
    @Bean
    PublicEndpoints billingPublicEndpoints() {
        return PublicEndpoints.get("/api/v1/plans", "/api/v1/plans/*");
    }

    /** Subscribing and paying move money: a client must be able to retry them safely, so a key is required. */
    @Bean
    IdempotencyKeyRequirement billingPaymentsNeedKeys() {
        var patterns = List.of(
                PathPatternParser.defaultInstance.parse("/api/v1/subscriptions"),
                PathPatternParser.defaultInstance.parse("/api/v1/invoices/{id}/pay"));
        return request -> {
            var path = PathContainer.parsePath(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
            return "POST".equals(request.getMethod()) && patterns.stream().anyMatch(pattern -> pattern.matches(path));
        };
    }

    @Bean
    Dunning dunning(BillingProperties properties) {
        return new Dunning(properties.retryAfter());
    }
}
