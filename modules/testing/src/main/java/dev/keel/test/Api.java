package dev.keel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The HTTP API as a client calls it, for the MockMvc tests of every module: JSON requests with or without a
 * caller, accounts signed in through the users module, and reading fields of a response. Modules extend it
 * with the flows of their own resources.
 */
public class Api {

    public static final String PASSWORD = "correct horse battery staple";

    /** Whoever a request is made as: its {@code Authorization} header value. */
    public interface Caller {

        String authorization();
    }

    /** A signed-in account, as {@code POST /api/v1/auth/token} answered. */
    public record Session(UUID userId, String email, String accessToken, String refreshToken) implements Caller {

        public String bearer() {
            return "Bearer " + accessToken;
        }

        @Override
        public String authorization() {
            return bearer();
        }
    }

    protected final MockMvcTester mvc;

    public Api(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public MvcTestResult get(String path, Caller caller) {
        return mvc.get()
                .uri(path)
                .header("Authorization", caller.authorization())
                .exchange();
    }

    public MvcTestResult post(String path, String json) {
        return post(path, json, null, null);
    }

    public MvcTestResult post(String path, String json, @Nullable Caller caller) {
        return post(path, json, caller, null);
    }

    public MvcTestResult post(String path, String json, @Nullable Caller caller, @Nullable String idempotencyKey) {
        var request =
                mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json);
        if (caller != null) {
            request.header("Authorization", caller.authorization());
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    public MvcTestResult put(String path, String json, Caller caller) {
        return mvc.put()
                .uri(path)
                .header("Authorization", caller.authorization())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    public MvcTestResult delete(String path, Caller caller) {
        return mvc.delete()
                .uri(path)
                .header("Authorization", caller.authorization())
                .exchange();
    }

    public MvcTestResult register(String email, String password) {
        return post("/api/v1/users", """
                {"email": "%s", "password": "%s", "displayName": "Ada Lovelace"}
                """.formatted(email, password));
    }

    public MvcTestResult signIn(String email, String password) {
        return post("/api/v1/auth/token", """
                {"email": "%s", "password": "%s"}
                """.formatted(email, password));
    }

    /** Registers a fresh account and signs it in. */
    public Session newSession() {
        var email = uniqueEmail();
        assertThat(register(email, PASSWORD)).hasStatus(HttpStatus.CREATED);
        return sessionOf(email, PASSWORD);
    }

    public Session sessionOf(String email, String password) {
        var tokens = signIn(email, password);
        assertThat(tokens).hasStatus(HttpStatus.OK);
        var access = field(tokens, "$.accessToken");
        var me = mvc.get()
                .uri("/api/v1/users/me")
                .header("Authorization", "Bearer " + access)
                .exchange();
        return new Session(UUID.fromString(field(me, "$.id")), email, access, field(tokens, "$.refreshToken"));
    }

    public static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A field of the response as text, whatever its JSON type. */
    public static String field(MvcTestResult result, String path) {
        return String.valueOf((Object) JsonPath.read(body(result), path));
    }

    /** The fields a path with a wildcard selects ({@code $.items[*].id}), in order, each as text. */
    public static List<String> fields(MvcTestResult result, String path) {
        List<Object> values = JsonPath.read(body(result), path);
        return values.stream().map(String::valueOf).toList();
    }

    /** The cursor of a page's next page; null on the last page. */
    public static @Nullable String nextCursor(MvcTestResult page) {
        return JsonPath.read(body(page), "$.nextCursor");
    }
}
