package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.keel.test.OpenApiValidation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The prod profile: management endpoints on their own port only, no development accounts or paths. */
@ProductionApplicationTest
class ProductionProfileTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void servesMetricsOnlyOnTheManagementPort() throws Exception {
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(404);

        var metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds");
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode())
                .isEqualTo(200);
    }

    @Test
    void hasNoTimeTravel() throws Exception {
        assertThat(get(port, "/api/v1/admin/clock").statusCode()).isEqualTo(404);
        var advance = LocalHttp.postJson(port, "/api/v1/admin/clock/advance", "{\"duration\": \"P31D\"}");
        assertThat(advance.statusCode()).isEqualTo(404);
    }

    @Test
    void createsNoDevelopmentAdmin() throws Exception {
        var response = LocalHttp.postJson(
                port, "/api/v1/auth/token", "{\"email\": \"admin@keel.local\", \"password\": \"keel-admin-dev-only\"}");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void hasNoDevMailbox() throws Exception {
        var tokens = LocalHttp.postJson(
                port,
                "/api/v1/auth/token",
                "{\"email\": \"ops@example.com\", \"password\": \"an-operator-chosen-password\"}");
        String admin = JsonPath.read(tokens.body(), "$.accessToken");

        var mailbox = OpenApiValidation.validate(HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/admin/dev/mailbox"))
                        .header("Authorization", "Bearer " + admin)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(mailbox.statusCode()).isEqualTo(404);
    }

    /** No proxy is trusted unless configured: a client cannot name its own address or scheme. */
    @Test
    void believesNoForwardedHeadersByDefault() throws Exception {
        var response = OpenApiValidation.validate(HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "203.0.113.1")
                        .header("X-Forwarded-Proto", "https")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"email": "forwarded@example.com", "password": "a-long-enough-passphrase",
                                 "displayName": "Forwarded"}
                                """))
                        .build(),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(response.statusCode()).isEqualTo(201);
        // Built from the request as Tomcat saw it: the forwarded scheme was not believed.
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith("http://localhost:" + port + "/"));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return LocalHttp.get(port, path);
    }
}
