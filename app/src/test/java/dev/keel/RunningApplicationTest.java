package dev.keel;

import dev.keel.test.TestDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application in its default profile on PostgreSQL, over real HTTP on a random port, with a
 * bootstrap admin and captured mail. Every test class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "keel.bootstrap-admin.email=ops@example.com",
            "keel.bootstrap-admin.password=an-operator-chosen-password",
            "keel.notifications.email.capture=true"
        })
@Import(TestDatabase.class)
public @interface RunningApplicationTest {}
