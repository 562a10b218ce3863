package dev.keel;

import dev.keel.platform.test.TestDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application in its {@code prod} profile on PostgreSQL, over real HTTP, with the management
 * endpoints on a port of their own ({@code @LocalManagementPort}). Every test class using it shares one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("prod")
@Import(TestDatabase.class)
public @interface ProductionApplicationTest {}
