package dev.keel.platform;

import dev.keel.platform.security.SecurityProperties;
import dev.keel.platform.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The platform's settings and scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, WebProperties.class})
@EnableScheduling
class PlatformConfiguration {}
