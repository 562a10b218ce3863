package dev.keel.users;

import static dev.keel.test.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ApplicationModuleTest
@AutoConfigureMockMvc
class EmailTokenTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ExpiredTokenCleanup cleanup;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
    }

    @Test
    void verifiesEmailWithTheMailedTokenOnce(AssertablePublishedEvents events) {
        var session = api.newSession();

        var requested = api.post("/api/v1/users/me/email-verification", "", session);

        assertThat(requested).hasStatus(HttpStatus.ACCEPTED);
        var event = events.ofType(EmailVerificationRequested.class)
                .matching(e -> e.userId().equals(session.userId()))
                .iterator()
                .next();
        assertThat(event.email()).isEqualTo(session.email());
        assertThat(storedTokenHashes()).doesNotContain(event.token()).contains(SecretTokens.hash(event.token()));

        var verify = api.post("/api/v1/auth/email-verification", "{\"token\": \"%s\"}".formatted(event.token()));
        assertThat(verify).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(mvc.get().uri("/api/v1/users/me").header("Authorization", session.bearer()))
                .bodyJson()
                .extractingPath("$.emailVerified")
                .isEqualTo(true);

        var again = api.post("/api/v1/auth/email-verification", "{\"token\": \"%s\"}".formatted(event.token()));
        assertThat(again)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_token");
    }

    @Test
    void refusesBadAndExpiredVerificationTokens(AssertablePublishedEvents events) {
        assertThat(api.post("/api/v1/auth/email-verification", "{\"token\": \"made-up\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_token");

        var session = api.newSession();
        api.post("/api/v1/users/me/email-verification", "", session);
        var token = events.ofType(EmailVerificationRequested.class)
                .iterator()
                .next()
                .token();
        jdbc.sql("update one_time_tokens set expires_at = now() - interval '1 minute' where user_id = ?")
                .param(session.userId())
                .update();

        assertThat(api.post("/api/v1/auth/email-verification", "{\"token\": \"%s\"}".formatted(token)))
                .hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void resetsPasswordWithTheMailedTokenAndSignsOutEverywhere(AssertablePublishedEvents events) {
        var session = api.newSession();

        var requested = api.post("/api/v1/auth/password-reset", "{\"email\": \"%s\"}".formatted(session.email()));

        assertThat(requested).hasStatus(HttpStatus.ACCEPTED);
        var token = events.ofType(PasswordResetRequested.class)
                .matching(e -> e.userId().equals(session.userId()))
                .iterator()
                .next()
                .token();

        var weak = api.post(
                "/api/v1/auth/password-reset/confirm",
                "{\"token\": \"%s\", \"newPassword\": \"password1234\"}".formatted(token));
        assertThat(weak)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("newPassword");

        var confirmed = api.post(
                "/api/v1/auth/password-reset/confirm",
                "{\"token\": \"%s\", \"newPassword\": \"reset to something new\"}".formatted(token));
        assertThat(confirmed).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(api.post("/api/v1/auth/refresh", "{\"refreshToken\": \"%s\"}".formatted(session.refreshToken())))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(api.signIn(session.email(), "reset to something new")).hasStatusOk();

        var reused = api.post(
                "/api/v1/auth/password-reset/confirm",
                "{\"token\": \"%s\", \"newPassword\": \"and yet another one\"}".formatted(token));
        assertThat(reused)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_token");
    }

    @Test
    void answersPasswordResetForUnknownEmailTheSameWay(AssertablePublishedEvents events) {
        var result = api.post("/api/v1/auth/password-reset", "{\"email\": \"%s\"}".formatted(uniqueEmail()));

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        assertThat(events.ofType(PasswordResetRequested.class)).isEmpty();
    }

    @Test
    void limitsPasswordResetRequestsPerEmail() {
        var email = uniqueEmail();
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/v1/auth/password-reset", "{\"email\": \"%s\"}".formatted(email)))
                    .hasStatus(HttpStatus.ACCEPTED);
        }

        var limited = api.post("/api/v1/auth/password-reset", "{\"email\": \"%s\"}".formatted(email));

        assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS).hasHeader("RateLimit-Remaining", "0");
        // Sign-in has buckets of its own, so reset requests cannot lock the owner out.
        assertThat(api.signIn(email, "whatever password")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void cleansUpTokensADayAfterTheyExpired() {
        var session = api.newSession();
        api.post("/api/v1/users/me/email-verification", "", session);
        jdbc.sql("update one_time_tokens set expires_at = now() - interval '2 days' where user_id = ?")
                .param(session.userId())
                .update();
        jdbc.sql("update refresh_tokens set expires_at = now() - interval '2 days' where user_id = ?")
                .param(session.userId())
                .update();

        cleanup.deleteExpiredTokens();

        assertThat(jdbc.sql("select count(*) from one_time_tokens where user_id = ?")
                        .param(session.userId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from refresh_tokens where user_id = ?")
                        .param(session.userId())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private java.util.List<String> storedTokenHashes() {
        return jdbc.sql("select token_hash from one_time_tokens")
                .query(String.class)
                .list();
    }
}
