package dev.keel;

import dev.keel.test.TestDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application in its {@code prod} profile on PostgreSQL, over real HTTP, with the management
 * endpoints on a port of their own ({@code @LocalManagementPort}) and the settings production requires.
 * Every test class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            // What the prod profile requires to start, as an operator would configure it.
            "spring.mail.host=localhost",
            "keel.notifications.public-base-url=https://keel.example.com",
            "keel.notifications.webhooks.secret-key=a-production-key-of-at-least-32-characters",
            "keel.bootstrap-admin.email=ops@example.com",
            "keel.bootstrap-admin.password=an-operator-chosen-password"
        })
@ActiveProfiles("prod")
@Import(TestDatabase.class)
public @interface ProductionApplicationTest {}
