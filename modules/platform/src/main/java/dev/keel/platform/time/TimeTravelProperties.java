package dev.keel.platform.time;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Time travel for demos and tests.
 *
 * @param enabled whether the application clock may be moved forward; never in production
 */
@ConfigurationProperties("keel.time-travel")
public record TimeTravelProperties(@DefaultValue("false") boolean enabled) {}
