package dev.keel.test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * Import into a test to run it against the test JVM's PostgreSQL database ({@link TestPostgres}), with
 * the settings every test shares (a test-only signing secret, schema validation). Deliberately not
 * annotated as a configuration: component scanning must never find it, only an explicit import.
 */
@PropertySource("classpath:dev/keel/test/keel-test.properties")
public class TestDatabase {

    /**
     * Static, so the bean needs no instance of this class: a module test's bootstrap keeps only bean
     * definitions from the packages of the modules it starts, and this package belongs to none of them.
     */
    @Bean
    static JdbcConnectionDetails testDatabase() {
        return TestPostgres.connectionDetails();
    }
}
