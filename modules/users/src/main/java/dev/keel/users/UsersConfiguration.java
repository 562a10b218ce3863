package dev.keel.users;

import dev.keel.platform.security.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UsersProperties.class, BootstrapAdminProperties.class})
class UsersConfiguration {

    /** Registration and the token endpoints are open to anyone. */
    @Bean
    PublicEndpoints usersPublicEndpoints() {
        return PublicEndpoints.post("/api/v1/users", "/api/v1/auth/**");
    }
}
