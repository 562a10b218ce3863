package dev.keel.platform.idempotency;

import dev.keel.platform.web.Problems;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    @Bean
    IdempotencyFilter idempotencyFilter(
            IdempotencyStore store, List<IdempotencyKeyRequirement> requirements, Problems problems) {
        return new IdempotencyFilter(store, requirements, problems);
    }

    /** It runs inside the security filter chain (after authorisation), not as a servlet filter of its own. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilterRegistration(IdempotencyFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
