package dev.keel;

import dev.keel.platform.idempotency.IdempotencyKeyRequirement;
import dev.keel.platform.security.PublicEndpoints;
import dev.keel.test.TestDatabase;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The boot class of the platform's own tests (kept out of the shared test jar). */
@SpringBootApplication
@Import(TestDatabase.class)
class PlatformTestApplication {

    @Bean
    PublicEndpoints probePublicEndpoints() {
        return PublicEndpoints.post("/api/v1/probe/public/**");
    }

    /** The probe's payments demand a key, as billing's will. */
    @Bean
    IdempotencyKeyRequirement probePaymentsNeedKeys() {
        return request -> request.getRequestURI().equals("/api/v1/probe/payments");
    }
}
