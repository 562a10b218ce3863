package dev.keel;

import dev.keel.test.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The zero-setup run ({@code ./mvnw -pl app -am spring-boot:test-run}): Keel on an embedded PostgreSQL
 * server whose data stays in {@code app/.keel/postgres} (git-ignored) across restarts, with the
 * {@code dev} profile. The database binaries are test dependencies, so the production jar never carries them.
 */
public class KeelDevApplication {

    public static void main(String[] args) {
        SpringApplication.from(KeelApplication::main)
                .with(EmbeddedDatabase.class)
                .withAdditionalProfiles("dev")
                .run(args);
    }

    /** Added explicitly above; not annotated, so that no component scan picks it up. */
    static class EmbeddedDatabase {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres() {
            var folder = Path.of(System.getenv().getOrDefault("KEEL_DEV_DATA", ".keel/postgres"));
            try {
                Files.createDirectories(folder);
                return EmbeddedPostgres.builder()
                        .setDataDirectory(folder)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL in " + folder.toAbsolutePath(), e);
            }
        }

        @Bean
        JdbcConnectionDetails embeddedDatabase(EmbeddedPostgres postgres) {
            return TestPostgres.details(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        }
    }
}
