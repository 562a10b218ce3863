package dev.keel.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL database per test JVM, from the first source that is available:
 *
 * <ol>
 *   <li>an explicitly configured server ({@code KEEL_TEST_DATABASE_URL}, with {@code _USERNAME} and
 *       {@code _PASSWORD}), in which a fresh database is created and dropped at exit;
 *   <li>a Testcontainers PostgreSQL where a Docker engine answers;
 *   <li>embedded PostgreSQL server binaries, started in a temporary folder.
 * </ol>
 *
 * Every run therefore starts from an empty database, isolated from earlier and concurrent runs.
 */
public final class TestPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);

    private static @Nullable JdbcConnectionDetails details;

    private TestPostgres() {}

    public static synchronized JdbcConnectionDetails connectionDetails() {
        var current = details;
        if (current == null) {
            current = start();
            details = current;
        }
        return current;
    }

    private static JdbcConnectionDetails start() {
        var explicit = System.getenv("KEEL_TEST_DATABASE_URL");
        if (explicit != null && !explicit.isBlank()) {
            return freshDatabaseOn(
                    explicit, env("KEEL_TEST_DATABASE_USERNAME", "postgres"), env("KEEL_TEST_DATABASE_PASSWORD", ""));
        }
        if (dockerMightAnswer() && DockerClientFactory.instance().isDockerAvailable()) {
            LOG.info("Tests use a PostgreSQL container");
            var container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return details(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return embedded();
    }

    /** Spares Testcontainers' loud probing where no Docker engine can be (no socket, no DOCKER_HOST). */
    private static boolean dockerMightAnswer() {
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    }

    private static JdbcConnectionDetails embedded() {
        try {
            var folder = Files.createTempDirectory("keel-test-postgres");
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(folder)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .start();
            // Stopped after the application contexts closed, so no pool is left talking to a dead server.
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    LOG.warn("Could not stop the embedded PostgreSQL", e);
                }
            });
            LOG.info("Tests use embedded PostgreSQL on port {}", postgres.getPort());
            return details(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL for the tests", e);
        }
    }

    private static JdbcConnectionDetails freshDatabaseOn(String url, String username, String password) {
        var name = "keel_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(url, username, password, "CREATE DATABASE " + name);
        SpringApplication.getShutdownHandlers()
                .add(() -> execute(url, username, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        var databaseUrl = url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        LOG.info("Tests use database {} on the configured server", name);
        return details(databaseUrl, username, password);
    }

    private static void execute(String url, String username, String password, String sql) {
        try (var connection = DriverManager.getConnection(url, username, password);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on the test database server", e);
        }
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null ? fallback : value;
    }

    public static JdbcConnectionDetails details(String url, String username, String password) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
