package dev.keel.ops;

import dev.keel.test.TestPostgres;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An empty database of its own on the test JVM's PostgreSQL server (not migrated: that is what
 * {@code db migrate} is for), dropped when the JVM ends. Applied to an application it replaces the
 * environment an operator would give: the database and the one required secret.
 */
record ScratchDatabase(JdbcConnectionDetails details)
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static ScratchDatabase create() {
        var server = TestPostgres.connectionDetails();
        var name = "keel_ops_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        var admin = jdbc(server);
        admin.sql("create database " + name).update();
        SpringApplication.getShutdownHandlers()
                .add(() -> admin.sql("drop database if exists " + name + " with (force)")
                        .update());
        var url = server.getJdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new ScratchDatabase(TestPostgres.details(url, server.getUsername(), server.getPassword()));
    }

    JdbcClient jdbc() {
        return jdbc(details);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("scratchDatabase", details);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "scratchDatabase",
                        Map.of("keel.security.jwt-secret", "test-only-signing-secret-of-at-least-32-characters")));
    }

    private static JdbcClient jdbc(JdbcConnectionDetails details) {
        return JdbcClient.create(
                new DriverManagerDataSource(details.getJdbcUrl(), details.getUsername(), details.getPassword()));
    }
}
