package dev.keel.billing;

import dev.keel.platform.security.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableCaching
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfiguration {

    /** The plan catalogue is public, like a pricing page. */
    @Bean
    PublicEndpoints billingPublicEndpoints() {
        return PublicEndpoints.get("/api/v1/plans", "/api/v1/plans/*");
    }
}
