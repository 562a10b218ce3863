package dev.keel.users;

import dev.keel.platform.security.AuthorizationRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UsersProperties.class, BootstrapAdminProperties.class})
class UsersConfiguration {

    /** Registration and the token endpoints are open to anyone. */
    @Bean
    AuthorizationRules usersAuthorizationRules() {
        return rules -> rules.requestMatchers(HttpMethod.POST, "/api/v1/users", "/api/v1/auth/**")
                .permitAll();
    }
}
