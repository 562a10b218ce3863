package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.keel.test.OpenApiValidation;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The whole application over real HTTP on PostgreSQL, as a client sees it. */
@RunningApplicationTest
class KeelApplicationTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void registersSignsInRefreshesChangesPasswordAndDeletesTheAccount() throws Exception {
        var email = "lifecycle-" + UUID.randomUUID() + "@example.com";

        var registered = post("/api/v1/users", """
                {"email": "%s", "password": "first passphrase here", "displayName": "Lifecycle"}""".formatted(email), null);
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Location")).isPresent();

        var tokens = post("/api/v1/auth/token", """
                {"email": "%s", "password": "first passphrase here"}""".formatted(email), null);
        assertThat(tokens.statusCode()).isEqualTo(200);
        String access = JsonPath.read(tokens.body(), "$.accessToken");

        var me = get("/api/v1/users/me", access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(me.body(), "$.email")).isEqualTo(email);

        var refreshed = post(
                "/api/v1/auth/refresh", """
                {"refreshToken": "%s"}""".formatted((String) JsonPath.read(tokens.body(), "$.refreshToken")), null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        access = JsonPath.read(refreshed.body(), "$.accessToken");

        var changed = send(HttpRequest.newBuilder(uri("/api/v1/users/me/password"))
                .header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"currentPassword": "first passphrase here", "newPassword": "second passphrase here"}""")));
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(post(
                                "/api/v1/auth/refresh",
                                """
                {"refreshToken": "%s"}""".formatted((String) JsonPath.read(refreshed.body(), "$.refreshToken")),
                                null)
                        .statusCode())
                .isEqualTo(401);

        var deleted = send(HttpRequest.newBuilder(uri("/api/v1/users/me"))
                .header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"password\": \"second passphrase here\"}")));
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/users/me", access).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/auth/token", """
                {"email": "%s", "password": "second passphrase here"}""".formatted(email), null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void createsTheConfiguredBootstrapAdmin() throws Exception {
        var tokens = post("/api/v1/auth/token", """
                {"email": "ops@example.com", "password": "an-operator-chosen-password"}""", null);
        assertThat(tokens.statusCode()).isEqualTo(200);

        var users = get("/api/v1/admin/users?limit=5", JsonPath.read(tokens.body(), "$.accessToken"));

        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("\"items\"");
    }

    @Test
    void servesHealthProbesMetricsAndBuildInfo() throws Exception {
        for (var path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var health = get(path, null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
            assertThat(health.body()).doesNotContain("components");
        }
        post("/api/v1/users", """
                {"email": "metrics-%s@example.com", "password": "metrics passphrase", "displayName": "M"}""".formatted(UUID.randomUUID()), null);

        var metrics = get("/actuator/prometheus", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("keel_users_registered_total")
                .contains("http_server_requests_seconds_bucket")
                .contains("hikaricp_connections_active")
                .contains("cache_gets_total{application=\"keel\",cache=\"accounts\"")
                .contains("jvm_memory_used_bytes")
                .contains("keel_event_publications_incomplete")
                .contains("keel_invoices_issued_total")
                .contains("keel_payments_total{application=\"keel\",outcome=\"succeeded\"}")
                .contains("keel_payments_total{application=\"keel\",outcome=\"declined\"}")
                .contains("cache_gets_total{application=\"keel\",cache=\"plans\"")
                .contains("keel_notifications_sent_total{application=\"keel\",channel=\"email\",outcome=\"sent\"}")
                .contains("keel_webhook_delivery_seconds_bucket");
        var info = get("/actuator/info", null);
        assertThat(info.body()).contains("\"build\"").contains("\"git\"").contains("\"java\"");
    }

    @Test
    void documentsTheApiWithBearerScheme() throws Exception {
        var docs = get("/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(docs.body(), "$.openapi")).startsWith("3.1");
        assertThat((String) JsonPath.read(docs.body(), "$.components.securitySchemes.bearer.scheme"))
                .isEqualTo("bearer");
        assertThat(docs.body()).contains("\"operationId\":\"registerUser\"", "\"operationId\":\"getMe\"", "Problem");
        // No group for the container's error page; groups from signing in to administration.
        assertThat(JsonPath.<Map<String, Object>>read(docs.body(), "$.paths")).doesNotContainKey("/error");
        assertThat(JsonPath.<Map<String, Object>>read(
                        docs.body(), "$.paths['/api/v1/invoices/{id}'].get.responses['200'].content"))
                .containsKeys("application/json", "application/pdf");
        assertThat(JsonPath.<Map<String, Object>>read(docs.body(), "$.components.schemas"))
                .containsKey("Problem")
                .doesNotContainKey("ProblemDetail");
        assertThat(JsonPath.<String>read(docs.body(), "$.components.schemas.Problem.properties.type.example"))
                .startsWith("urn:keel:problem:");
        // Creating answers 201, and a public operation never 401.
        Map<String, Object> register = JsonPath.read(docs.body(), "$.paths['/api/v1/users'].post.responses");
        assertThat(register).containsKey("201").doesNotContainKeys("200", "401");
        assertThat(JsonPath.<Map<String, Object>>read(docs.body(), "$.paths['/api/v1/subscriptions'].post.responses"))
                .containsKeys("201", "401")
                .doesNotContainKey("200");
        List<String> tags = JsonPath.read(docs.body(), "$.tags[*].name");
        assertThat(tags).startsWith("auth", "users").doesNotContain("problem-error-controller");
        var firstAdmin = tags.indexOf(
                tags.stream().filter(tag -> tag.startsWith("admin")).findFirst().orElseThrow());
        assertThat(tags.subList(firstAdmin, tags.size())).allMatch(tag -> tag.startsWith("admin"));
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesStreamedBodiesOverTheLimit() throws Exception {
        var oversized = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(oversized, (byte) ' ');
        var response = send(HttpRequest.newBuilder(uri("/api/v1/users"))
                .header("Content-Type", "application/json")
                // An input stream has no declared length, so the body is sent chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload_too_large");
    }

    @Test
    void tagsEveryResponseWithARequestId() throws Exception {
        var echoed = send(HttpRequest.newBuilder(uri("/api/v1/users/me"))
                .header("X-Request-Id", "trace-me-123")
                .GET());
        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("trace-me-123");
        assertThat(echoed.body()).contains("\"traceId\":\"trace-me-123\"");

        assertThat(get("/actuator/health", null).headers().firstValue("X-Request-Id"))
                .isPresent();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String json, String token) throws Exception {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return OpenApiValidation.validate(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
