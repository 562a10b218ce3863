package dev.keel;

import dev.keel.platform.test.TestDatabase;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The boot class of the platform's own tests (kept out of the shared test jar). */
@SpringBootApplication
@Import(TestDatabase.class)
class PlatformTestApplication {}
