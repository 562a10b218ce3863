package dev.keel.platform;

import dev.keel.platform.security.SecurityProperties;
import dev.keel.platform.web.WebProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The platform's settings, scheduling, and the application clock every module reads time from. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, WebProperties.class})
@EnableScheduling
class PlatformConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
