package dev.keel.platform;

import dev.keel.platform.security.SecurityProperties;
import dev.keel.platform.web.WebProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The platform's settings and scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, WebProperties.class})
class PlatformConfiguration {

    /**
     * Background work (the billing cycle, deliveries, cleanups) runs on schedules; {@code
     * keel.scheduling.enabled=false} switches all of it off, as the ops commands do, so that a one-off
     * command such as {@code db migrate} never races the server's jobs.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "keel.scheduling.enabled", matchIfMissing = true)
    @EnableScheduling
    static class Scheduling {}
}
