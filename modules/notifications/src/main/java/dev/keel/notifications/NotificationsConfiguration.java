package dev.keel.notifications;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsConfiguration {

    /** Replaces the SMTP sender where mail is captured (the embedded default profile). */
    @Bean
    @ConditionalOnProperty(name = "keel.notifications.email.capture", havingValue = "true")
    DevMailbox devMailbox(Clock clock) {
        return new DevMailbox(clock);
    }
}
