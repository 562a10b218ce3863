package dev.keel.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Drives the users API in module tests: fresh accounts, sign-in, authenticated calls. */
final class UsersApi {

    static final String PASSWORD = "correct horse battery staple";

    record Session(UUID userId, String email, String accessToken, String refreshToken) {

        String bearer() {
            return "Bearer " + accessToken;
        }
    }

    private final MockMvcTester mvc;

    UsersApi(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    MvcTestResult post(String path, String json) {
        return mvc.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    MvcTestResult post(String path, String json, Session session) {
        return mvc.post()
                .uri(path)
                .header("Authorization", session.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    MvcTestResult register(String email, String password) {
        return post("/api/v1/users", """
                {"email": "%s", "password": "%s", "displayName": "Test User"}
                """.formatted(email, password));
    }

    MvcTestResult signIn(String email, String password) {
        return post("/api/v1/auth/token", """
                {"email": "%s", "password": "%s"}
                """.formatted(email, password));
    }

    Session newSession() {
        var email = uniqueEmail();
        var registered = register(email, PASSWORD);
        assertThat(registered).hasStatus(HttpStatus.CREATED);
        return sessionOf(email, PASSWORD);
    }

    Session sessionOf(String email, String password) {
        var tokens = signIn(email, password);
        assertThat(tokens).hasStatus(HttpStatus.OK);
        var body = body(tokens);
        var me = mvc.get()
                .uri("/api/v1/users/me")
                .header("Authorization", "Bearer " + JsonPath.read(body, "$.accessToken"))
                .exchange();
        return new Session(
                UUID.fromString(JsonPath.read(body(me), "$.id")),
                email,
                JsonPath.read(body, "$.accessToken"),
                JsonPath.read(body, "$.refreshToken"));
    }

    static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T json(MvcTestResult result, String path) {
        return JsonPath.read(body(result), path);
    }
}
