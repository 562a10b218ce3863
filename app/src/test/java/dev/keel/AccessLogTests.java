package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access line of the prod profile: one JSON object per request on standard output, written by Tomcat's
 * access log valve once the response is complete, with the request id and the caller.
 */
@ProductionApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void logsOneJsonLinePerRequestWithItsRequestIdAndCaller(CapturedOutput output) throws Exception {
        var tokens = LocalHttp.postJson(
                port,
                "/api/v1/auth/token",
                "{\"email\": \"ops@example.com\", \"password\": \"an-operator-chosen-password\"}");
        String access = JsonPath.read(tokens.body(), "$.accessToken");
        var requestId = "access-line-" + UUID.randomUUID();

        var me = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users/me"))
                        .header("Authorization", "Bearer " + access)
                        .header("X-Request-Id", requestId)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);

        var line = await().atMost(Duration.ofSeconds(5))
                .until(() -> accessLines(output, requestId), lines -> !lines.isEmpty());
        assertThat(line).hasSize(1);
        var json = line.getFirst();
        assertThat(json.at("/log/logger").asString()).isEqualTo("dev.keel.access");
        assertThat(json.at("/http/request/method").asString()).isEqualTo("GET");
        assertThat(json.at("/url/path").asString()).isEqualTo("/api/v1/users/me");
        assertThat(json.at("/http/response/status_code").asInt()).isEqualTo(200);
        // Bytes on the wire after the headers: the body and, for a chunked response, its framing.
        assertThat(json.at("/http/response/body/bytes").asLong())
                .isBetween(
                        (long) me.body().getBytes(StandardCharsets.UTF_8).length,
                        me.body().length() + 64L);
        assertThat(json.at("/user/id").asString()).isEqualTo(JsonPath.read(me.body(), "$.id"));
        assertThat(json.at("/duration_ms").isNumber()).isTrue();
        assertThat(json.at("/@timestamp").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(json.at("/message").asString()).startsWith("GET /api/v1/users/me 200 ");
    }

    @Test
    void namesNoCallerForAnonymousRequests(CapturedOutput output) throws Exception {
        var requestId = "anonymous-" + UUID.randomUUID();
        var plans = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/plans"))
                        .header("X-Request-Id", requestId)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plans.statusCode()).isEqualTo(200);

        var lines = await().atMost(Duration.ofSeconds(5))
                .until(() -> accessLines(output, requestId), found -> !found.isEmpty());
        assertThat(lines.getFirst().at("/user/id").asString()).isEqualTo("-");
    }

    @Test
    void staysValidJsonWhateverTheClientSends(CapturedOutput output) throws Exception {
        // A request line Tomcat refuses before any filter runs (a quote and a backslash in the target) and a
        // request id that is not sane (replaced by the trace id): both are still logged, as valid JSON.
        assertThat(raw("GET /api/v1/pl\"an\\s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(raw("GET /api/v1/plans?q=%22%5C HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: a\"b\\c\r\n"
                        + "Connection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var lines = output.getOut()
                    .lines()
                    .filter(l -> l.contains("dev.keel.access"))
                    .toList();
            assertThat(lines)
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(JSON.readTree(l).isObject()).isTrue());
            assertThat(lines.stream().map(JSON::readTree))
                    .anySatisfy(json -> assertThat(
                                    json.at("/http/response/status_code").asInt())
                            .isEqualTo(400))
                    .anySatisfy(json -> {
                        assertThat(json.at("/url/path").asString()).isEqualTo("/api/v1/plans");
                        assertThat(json.at("/requestId").asString())
                                .doesNotContain("\"")
                                .matches("[0-9a-f]{32}");
                    });
        });
    }

    private static List<JsonNode> accessLines(CapturedOutput output, String requestId) {
        return output.getOut()
                .lines()
                .filter(line -> line.contains("\"requestId\":\"" + requestId + "\""))
                .map(JSON::readTree)
                .filter(json -> "dev.keel.access".equals(json.at("/log/logger").asString()))
                .toList();
    }

    private String raw(String request) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
