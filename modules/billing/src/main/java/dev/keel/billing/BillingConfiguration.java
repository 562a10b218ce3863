package dev.keel.billing;

import dev.keel.platform.security.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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
}
