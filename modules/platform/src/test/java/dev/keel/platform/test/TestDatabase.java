package dev.keel.platform.test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Import into a test to run it against the test JVM's PostgreSQL database ({@link TestPostgres}). */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    @Bean
    JdbcConnectionDetails testDatabase() {
        return TestPostgres.connectionDetails();
    }
}
