package dev.keel.platform.test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * Import into a test to run it against the test JVM's PostgreSQL database ({@link TestPostgres}), with
 * the settings every test shares (a test-only signing secret, schema validation). Deliberately not
 * annotated as a configuration: component scanning must never find it, only an explicit import.
 */
@PropertySource("classpath:dev/keel/platform/test/keel-test.properties")
public class TestDatabase {

    @Bean
    JdbcConnectionDetails testDatabase() {
        return TestPostgres.connectionDetails();
    }
}
