package dev.keel.fuzz;

import dev.keel.test.TestDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The running application the hostile-input tests share (one context for all of them): time travel for the clock
 * operation, captured email, and sign-in and registration limits high enough that the tests meet the value they
 * send, not the brute-force limit.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "keel.bootstrap-admin.email=" + FuzzedApi.ADMIN_EMAIL,
            "keel.bootstrap-admin.password=" + FuzzedApi.ADMIN_PASSWORD,
            "keel.notifications.email.capture=true",
            "keel.time-travel.enabled=true",
            // Webhook endpoints on loopback (the discard port: nothing listens) need no DNS.
            "keel.notifications.webhooks.allow-insecure-targets=true",
            // Thousands of requests from one address in a minute: the per-client limit has its own FloodTests.
            "keel.web.client-rate-limit.enabled=false",
            "keel.users.login-limits.per-account=100000",
            "keel.users.login-limits.per-ip=100000",
            "keel.users.account-limits.registrations-per-ip=100000",
            "keel.users.account-limits.password-checks-per-account=100000",
            "keel.users.account-limits.verification-emails-per-account=100000"
        })
@Import(TestDatabase.class)
@interface FuzzedApplication {}
