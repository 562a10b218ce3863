package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.UnsupportedEncodingException;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

/** Drives the API in notifications tests: accounts through the users module, and events committed as modules do. */
final class NotificationsApi {

    static final String PASSWORD = "correct horse battery staple";

    record Session(UUID userId, String email, String accessToken) {

        String bearer() {
            return "Bearer " + accessToken;
        }
    }

    private final MockMvcTester mvc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    NotificationsApi(MockMvcTester mvc, ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.mvc = mvc;
        this.events = events;
        this.transactions = transactions;
    }

    /** Publishes and commits, as the users and billing modules do. */
    void commit(Object... published) {
        transactions.executeWithoutResult(status -> {
            for (var event : published) {
                events.publishEvent(event);
            }
        });
    }

    Session newSession() {
        var email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(post("/api/v1/users", """
                        {"email": "%s", "password": "%s", "displayName": "Ada Lovelace"}
                        """.formatted(email, PASSWORD), null)).hasStatus(HttpStatus.CREATED);
        return sessionOf(email, PASSWORD);
    }

    Session sessionOf(String email, String password) {
        var tokens = post("/api/v1/auth/token", """
                {"email": "%s", "password": "%s"}
                """.formatted(email, password), null);
        String access = json(tokens, "$.accessToken");
        var me = mvc.get()
                .uri("/api/v1/users/me")
                .header("Authorization", "Bearer " + access)
                .exchange();
        return new Session(UUID.fromString(json(me, "$.id")), email, access);
    }

    MvcTestResult get(String path, Session session) {
        return mvc.get().uri(path).header("Authorization", session.bearer()).exchange();
    }

    MvcTestResult post(String path, String json, Session session) {
        var request =
                mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json);
        if (session != null) {
            request.header("Authorization", session.bearer());
        }
        return request.exchange();
    }

    MvcTestResult put(String path, String json, Session session) {
        return mvc.put()
                .uri(path)
                .header("Authorization", session.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    MvcTestResult delete(String path, Session session) {
        return mvc.delete().uri(path).header("Authorization", session.bearer()).exchange();
    }

    /** Registers an endpoint for the given event types; answers {id, secret}. */
    String[] createEndpoint(Session session, String url, String... events) {
        var created = post("/api/v1/webhook-endpoints", """
                {"url": "%s", "events": ["%s"]}
                """.formatted(url, String.join("\", \"", events)), session);
        assertThat(created).hasStatus(HttpStatus.CREATED);
        return new String[] {json(created, "$.id"), json(created, "$.secret")};
    }

    static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T json(MvcTestResult result, String path) {
        return JsonPath.read(body(result), path);
    }
}
