package dev.keel.platform.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/** Puts the access log valve on the API server's engine when {@code keel.web.access-log.enabled}. */
@Component
class AccessLogging implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    private final WebProperties.AccessLine settings;

    AccessLogging(WebProperties properties) {
        this.settings = properties.accessLog();
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        if (settings.enabled()) {
            factory.addEngineValves(new StandardOutputAccessLog(settings.pattern()));
        }
    }
}
