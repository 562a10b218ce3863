package dev.keel.users;

import static dev.keel.test.Api.PASSWORD;
import static dev.keel.test.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.Api;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ApplicationModuleTest
@AutoConfigureMockMvc
class AccountTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    UserRepository users;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
    }

    @Test
    void registersAccountAndPublishesUserRegistered(Scenario scenario) {
        var email = uniqueEmail();
        scenario.stimulate(() -> api.register("  " + email.toUpperCase(Locale.ROOT) + " ", PASSWORD))
                .andWaitForEventOfType(UserRegistered.class)
                .matching(event -> event.email().equalsIgnoreCase(email))
                .toArriveAndVerify((event, result) -> {
                    assertThat(result).hasStatus(HttpStatus.CREATED);
                    assertThat(result).hasHeader("Location", "http://localhost/api/v1/admin/users/" + event.userId());
                    assertThat(result).bodyJson().extractingPath("$.email").isEqualTo(email.toUpperCase(Locale.ROOT));
                    assertThat(result)
                            .bodyJson()
                            .extractingPath("$.roles")
                            .asArray()
                            .containsExactly("USER");
                    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
                    assertThat(result)
                            .bodyJson()
                            .extractingPath("$.emailVerified")
                            .isEqualTo(false);
                    assertThat(result).bodyJson().extractingPath("$.createdAt").isNotNull();
                    assertThat(result).bodyJson().doesNotHavePath("$.password");
                    assertThat(result).bodyJson().doesNotHavePath("$.passwordHash");
                });
    }

    @Test
    void refusesTakenEmailWhateverItsCase() {
        var email = uniqueEmail();
        assertThat(api.register(email, PASSWORD)).hasStatus(HttpStatus.CREATED);

        var again = api.register(email.toUpperCase(Locale.ROOT), PASSWORD);

        assertThat(again)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("email_taken");
    }

    @Test
    void refusesPasswordsThatBreakThePolicy() {
        for (var password : new String[] {"short", "password1234", "1234567890", "qwertyuiop", "x".repeat(129)}) {
            var result = api.register(uniqueEmail(), password);
            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("validation_failed");
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("password");
        }
        var containsEmail = api.register("johnsmith@example.com", "my-johnsmith-secret-99");
        assertThat(containsEmail).bodyJson().extractingPath("$.errors[0].code").isEqualTo("contains_email");
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        var email = uniqueEmail();
        var result = api.post("/api/v1/users", """
                {"email": "%s", "password": "short", "displayName": ""}
                """.formatted(email));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactlyInAnyOrder("password", "displayName");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[?(@.field == 'password')].code")
                .asArray()
                .containsExactly("length");
        assertThat(users.findByEmail(email)).isEmpty();
    }

    @Test
    void rejectsUnknownFieldsSoRolesCannotBeMassAssigned() {
        var email = uniqueEmail();
        var result = api.post("/api/v1/users", """
                {"email": "%s", "password": "%s", "displayName": "Eve", "roles": ["ADMIN"]}
                """.formatted(email, PASSWORD));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("roles");
        assertThat(users.findByEmail(email)).isEmpty();
    }

    @Test
    void rejectsInvalidRegistrationFieldsByName() {
        var result = api.post("/api/v1/users", """
                {"email": "not-an-email", "password": "%s", "displayName": " "}
                """.formatted(PASSWORD));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactlyInAnyOrder("email", "displayName");
    }

    @Test
    void acceptsPasswordsUpToTheContractsLongest() {
        var email = uniqueEmail();
        var longest = "a1b2c3d4e5f6g7h8".repeat(8);

        assertThat(api.register(email, longest)).hasStatus(HttpStatus.CREATED);
        assertThat(api.signIn(email, longest)).hasStatusOk();
        assertThat(api.signIn(email, longest.substring(0, 127) + "X")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void answersNulCharactersWith400AndStoresNothing() {
        var email = uniqueEmail();

        var result = api.post("/api/v1/users", """
                {"email": "%s", "password": "%s", "displayName": "Nul\\u0000Name"}
                """.formatted(email, PASSWORD));

        assertThat(result)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("validation_failed");
        assertThat(users.findByEmail(email)).isEmpty();
        assertThat(api.signIn("nul\u0000@example.com", PASSWORD)).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void servesOwnProfileWithEtagAndNotModified() {
        var session = api.newSession();

        var me = mvc.get()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .exchange();
        assertThat(me).hasStatusOk().bodyJson().extractingPath("$.email").isEqualTo(session.email());
        var etag = me.getResponse().getHeader("ETag");
        assertThat(etag).isNotBlank();

        var again = mvc.get()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .header("If-None-Match", etag)
                .exchange();
        assertThat(again).hasStatus(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void updatesDisplayNameAndRefusesStaleIfMatch() {
        var session = api.newSession();
        var me = mvc.get()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .exchange();
        var etag = me.getResponse().getHeader("ETag");

        var renamed = mvc.patch()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\": \"Renamed\"}")
                .exchange();
        assertThat(renamed)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.displayName")
                .isEqualTo("Renamed");
        assertThat(renamed.getResponse().getHeader("ETag")).isNotEqualTo(etag);

        var stale = mvc.patch()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\": \"Lost update\"}")
                .exchange();
        assertThat(stale)
                .hasStatus(HttpStatus.PRECONDITION_FAILED)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("precondition_failed");
        var now = mvc.get()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .exchange();
        assertThat(now).bodyJson().extractingPath("$.displayName").isEqualTo("Renamed");
    }

    @Test
    void changesPasswordAndRevokesRefreshTokens() {
        var session = api.newSession();

        var wrong = mvc.put()
                .uri("/api/v1/users/me/password")
                .header("Authorization", session.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\": \"not my password\", \"newPassword\": \"a brand new passphrase\"}")
                .exchange();
        assertThat(wrong)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_password");

        var changed = mvc.put()
                .uri("/api/v1/users/me/password")
                .header("Authorization", session.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\": \"%s\", \"newPassword\": \"a brand new passphrase\"}"
                        .formatted(PASSWORD))
                .exchange();
        assertThat(changed).hasStatus(HttpStatus.NO_CONTENT);

        var refresh = api.post("/api/v1/auth/refresh", "{\"refreshToken\": \"%s\"}".formatted(session.refreshToken()));
        assertThat(refresh)
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_token");
        assertThat(api.signIn(session.email(), PASSWORD)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(api.signIn(session.email(), "a brand new passphrase")).hasStatusOk();
    }

    /** A stolen access token must not let its holder guess the password (10 wrong ones per hour). */
    @Test
    void limitsWrongPasswordsOfASignedInCaller() {
        var session = api.newSession();
        var right = "{\"currentPassword\": \"%s\", \"newPassword\": \"%s\"}".formatted(PASSWORD, PASSWORD);
        var wrong = "{\"currentPassword\": \"not my password\", \"newPassword\": \"a brand new passphrase\"}";

        // The right password costs nothing.
        assertThat(api.put("/api/v1/users/me/password", right, session))
                .hasStatus(HttpStatus.NO_CONTENT)
                .hasHeader("RateLimit-Limit", "10")
                .hasHeader("RateLimit-Remaining", "10");
        for (int i = 9; i >= 0; i--) {
            assertThat(api.put("/api/v1/users/me/password", wrong, session))
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .hasHeader("RateLimit-Remaining", Integer.toString(i));
        }

        var refused = api.put("/api/v1/users/me/password", right, session);
        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
        assertThat(refused).bodyJson().extractingPath("$.code").isEqualTo("rate_limited");
        // Deleting the account checks the same password, within the same budget.
        assertThat(mvc.delete()
                        .uri("/api/v1/users/me")
                        .header("Authorization", session.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\": \"%s\"}".formatted(PASSWORD)))
                .hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(api.get("/api/v1/users/me", session)).hasStatusOk();
    }

    @Test
    void limitsVerificationMailsPerAccount() {
        var session = api.newSession();
        for (int i = 4; i >= 0; i--) {
            assertThat(api.post("/api/v1/users/me/email-verification", "", session))
                    .hasStatus(HttpStatus.ACCEPTED)
                    .hasHeader("RateLimit-Remaining", Integer.toString(i));
        }

        var refused = api.post("/api/v1/users/me/email-verification", "", session);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
        assertThat(api.post("/api/v1/users/me/email-verification", "", api.newSession()))
                .hasStatus(HttpStatus.ACCEPTED);
    }

    /** The per-client budget itself is proven in ThrottleTests; the tests' own limit is raised. */
    @Test
    void reportsTheRegistrationLimitPerClient() {
        var first = mvc.post()
                .uri("/api/v1/users")
                .with(request -> {
                    request.setRemoteAddr("192.0.2.77");
                    return request;
                })
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"%s\", \"password\": \"%s\", \"displayName\": \"Limited\"}"
                        .formatted(uniqueEmail(), PASSWORD))
                .exchange();

        assertThat(first).hasStatus(HttpStatus.CREATED).containsHeader("RateLimit-Limit");
        assertThat(Long.parseLong(first.getResponse().getHeader("RateLimit-Remaining")))
                .isEqualTo(Long.parseLong(first.getResponse().getHeader("RateLimit-Limit")) - 1);
    }

    @Test
    void refusesPasswordChangeWithALoneSurrogateAndKeepsThePassword() {
        var session = api.newSession();

        var loneHigh = api.put(
                "/api/v1/users/me/password",
                "{\"currentPassword\": \"\\ud800\", \"newPassword\": \"correct-horse-battery\"}",
                session);
        var loneLow = api.put(
                "/api/v1/users/me/password",
                "{\"currentPassword\": \"%s\", \"newPassword\": \"correct-horse-\\udc00-battery\"}".formatted(PASSWORD),
                session);

        assertThat(loneHigh).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(loneHigh).bodyJson().extractingPath("$.code").isEqualTo("validation_failed");
        assertThat(loneHigh).bodyJson().extractingPath("$.errors[0].field").isEqualTo("currentPassword");
        assertThat(loneLow).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(loneLow).bodyJson().extractingPath("$.errors[0].field").isEqualTo("newPassword");
        assertThat(loneLow).bodyJson().extractingPath("$.errors[0].code").isEqualTo("invalid_characters");
        assertThat(api.signIn(session.email(), PASSWORD)).hasStatusOk();
    }

    @Test
    void deletesAccountErasesPersonalDataAndPublishesUserDeleted(AssertablePublishedEvents events) {
        var session = api.newSession();

        var wrong = mvc.delete()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\": \"not my password\"}")
                .exchange();
        assertThat(wrong).hasStatus(HttpStatus.BAD_REQUEST);

        var deleted = mvc.delete()
                .uri("/api/v1/users/me")
                .header("Authorization", session.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\": \"%s\"}".formatted(PASSWORD))
                .exchange();

        assertThat(deleted).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(events)
                .contains(UserDeleted.class)
                .matching(event ->
                        event.userId().equals(session.userId()) && event.email().equals(session.email()));
        var tombstone = users.findById(session.userId()).orElseThrow();
        assertThat(tombstone.email()).doesNotContain(session.email());
        assertThat(tombstone.displayName()).isEqualTo("Deleted user");
        assertThat(tombstone.passwordHash()).isNull();
        assertThat(mvc.get().uri("/api/v1/users/me").header("Authorization", session.bearer()))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(api.signIn(session.email(), PASSWORD)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(api.post("/api/v1/auth/refresh", "{\"refreshToken\": \"%s\"}".formatted(session.refreshToken())))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        // The email is free again.
        assertThat(api.register(session.email(), PASSWORD)).hasStatus(HttpStatus.CREATED);
    }

    /** Stored answers would keep the registration's email and name, and the account's own, for a day. */
    @Test
    void forgetsTheStoredAnswersOfADeletedAccount() {
        var email = uniqueEmail();
        var registration =
                "{\"email\": \"%s\", \"password\": \"%s\", \"displayName\": \"Kept\"}".formatted(email, PASSWORD);
        var registered = api.post("/api/v1/users", registration, null, "register-" + email);
        assertThat(registered).hasStatus(HttpStatus.CREATED);
        var session = api.sessionOf(email, PASSWORD);
        assertThat(api.post("/api/v1/users/me/email-verification", "", session, "verify-" + email))
                .hasStatus(HttpStatus.ACCEPTED);
        assertThat(storedAnswersOf(session.userId())).isEqualTo(2);

        assertThat(mvc.delete()
                        .uri("/api/v1/users/me")
                        .header("Authorization", session.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\": \"%s\"}".formatted(PASSWORD)))
                .hasStatus(HttpStatus.NO_CONTENT);

        assertThat(storedAnswersOf(session.userId())).isZero();
        // The same key and body register anew instead of replaying the erased account.
        var again = api.post("/api/v1/users", registration, null, "register-" + email);
        assertThat(again).hasStatus(HttpStatus.CREATED).doesNotContainHeader("Idempotent-Replayed");
    }

    private long storedAnswersOf(UUID user) {
        return jdbc.sql("select count(*) from idempotency_keys where subject = ? or owner = ?")
                .params(user, "user:" + user)
                .query(Long.class)
                .single();
    }

    @Test
    void requiresAuthenticationForOwnAccount() {
        var result = mvc.get().uri("/api/v1/users/me").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(result).hasHeader("WWW-Authenticate", "Bearer");
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("unauthenticated");
        assertThat(result).bodyJson().extractingPath("$.traceId").isNotNull();
    }

    @Test
    void cannotSeeAnotherUsersAccountThroughAdminPaths() {
        var session = api.newSession();
        var other = api.newSession();

        var result = mvc.get()
                .uri("/api/v1/admin/users/" + other.userId())
                .header("Authorization", session.bearer())
                .exchange();

        assertThat(result)
                .hasStatus(HttpStatus.FORBIDDEN)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("forbidden");
    }
}
