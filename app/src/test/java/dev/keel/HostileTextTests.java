package dev.keel;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.keel.test.OpenApiValidation;
import dev.keel.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Hostile text in every text field of every JSON operation the OpenAPI document lists is answered with a 4xx
 * problem, never a 5xx, and changes nothing a caller can read back. The operations and their text fields come from
 * {@code /v3/api-docs}; each operation has a valid body here, so the hostile value is the only thing wrong with a
 * request, and a new operation or field fails this test until it has one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "keel.bootstrap-admin.email=ops@example.com",
            "keel.bootstrap-admin.password=an-operator-chosen-password",
            "keel.notifications.email.capture=true",
            "keel.time-travel.enabled=true",
            // The token endpoint should answer the value, not the brute-force limit.
            "keel.users.login-limits.per-account=10000",
            "keel.users.login-limits.per-ip=10000"
        })
@Import(TestDatabase.class)
class HostileTextTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String MARKER = "hostile-value-goes-here";

    /** Each as it travels in the JSON text, quotes and escapes included. */
    private static final Map<String, String> HOSTILE_VALUES = Map.of(
            "lone high surrogate", "\"\\ud800\"",
            "lone low surrogate", "\"low \\udc00 surrogate\"",
            "NUL", "\"nul \\u0000 character\"",
            "control characters", "\"bell \\u0007 escape \\u001b[2J backspace \\u0008\"",
            "DEL and C1 controls", "\"delete \\u007f next line \\u0085\"",
            "200,000 characters", "\"" + "x".repeat(200_000) + "\"",
            "20,000 emoji", "\"" + "\\ud83d\\ude00".repeat(20_000) + "\"");

    private enum As {
        ANYONE,
        USER,
        ADMIN
    }

    private record Baseline(As caller, String body) {}

    @LocalServerPort
    int port;

    private String user = "";
    private String admin = "";

    @TestFactory
    Stream<DynamicTest> answersHostileTextInEveryFieldWithAProblem() throws Exception {
        admin = signIn("ops@example.com", "an-operator-chosen-password");
        var email = "hostile-" + UUID.randomUUID() + "@example.com";
        assertThat(send("POST", "/api/v1/users", As.ANYONE, """
                {"email": "%s", "password": "%s", "displayName": "Hostile Text"}""".formatted(email, PASSWORD))
                        .statusCode())
                .isEqualTo(201);
        var tokens = JSON.readTree(send("POST", "/api/v1/auth/token", As.ANYONE, """
                {"email": "%s", "password": "%s"}""".formatted(email, PASSWORD))
                .body());
        user = tokens.get("accessToken").stringValue();
        var userId = JSON.readTree(
                        send("GET", "/api/v1/users/me", As.USER, null).body())
                .get("id")
                .stringValue();
        var plan = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("POST", "/api/v1/admin/plans", As.ADMIN, planJson(plan)).statusCode())
                .isEqualTo(201);
        var card = JSON.readTree(send("POST", "/api/v1/payment-methods", As.USER, "{\"token\": \"tok_visa\"}")
                        .body())
                .get("id")
                .stringValue();
        var subscribed = send("POST", "/api/v1/subscriptions", As.USER, "{\"planCode\": \"%s\"}".formatted(plan));
        assertThat(subscribed.statusCode()).isEqualTo(201);
        var subscription = JSON.readTree(subscribed.body()).get("id").stringValue();

        var pathValues = Map.of(
                "/api/v1/admin/users/{id}", userId,
                "/api/v1/admin/plans/{code}", plan,
                "/api/v1/subscriptions/{id}", subscription,
                "/api/v1/invoices/{id}", UUID.randomUUID().toString(),
                "/api/v1/payment-methods/{id}", card);
        var baselines = baselines(email, tokens.get("refreshToken").stringValue(), plan, card);

        var operations = jsonOperations();
        assertThat(operations.keySet())
                .as("every JSON operation of the OpenAPI document has a baseline body here")
                .containsExactlyInAnyOrderElementsOf(baselines.keySet());

        var before = snapshot(userId);
        var tests = new ArrayList<DynamicTest>();
        operations.forEach((operation, fields) -> {
            var baseline = baselines.get(operation);
            var method = operation.substring(0, operation.indexOf(' '));
            var path = resolve(operation.substring(operation.indexOf(' ') + 1), pathValues);
            for (var field : fields) {
                var template = withMarker(baseline.body(), field, operation);
                HOSTILE_VALUES.forEach((name, value) -> {
                    var display = operation + " "
                            + field.stream().map(String::valueOf).collect(joining(".")) + " = " + name;
                    tests.add(dynamicTest(display, () -> {
                        var response =
                                send(method, path, baseline.caller(), template.replace('"' + MARKER + '"', value));
                        assertThat(response.statusCode())
                                .as("%s answered %s", display, abbreviated(response.body()))
                                .isBetween(400, 499);
                        assertThat(response.headers().firstValue("Content-Type"))
                                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                        assertThat(JSON.readTree(response.body()).path("code").isString())
                                .isTrue();
                    }));
                });
            }
        });
        tests.add(dynamicTest("changes nothing a caller can read back", () -> {
            assertThat(snapshot(userId)).isEqualTo(before);
            assertThat(signIn(email, PASSWORD)).isNotBlank();
        }));
        return tests.stream();
    }

    /** A valid body per operation, keyed as {@code METHOD /path} in the OpenAPI document. */
    private static Map<String, Baseline> baselines(String email, String refreshToken, String plan, String card) {
        var baselines = new LinkedHashMap<String, Baseline>();
        baselines.put("POST /api/v1/users", new Baseline(As.ANYONE, """
                {"email": "new-%s", "password": "another fine passphrase", "displayName": "Someone New"}""".formatted(email)));
        baselines.put("PATCH /api/v1/users/me", new Baseline(As.USER, "{\"displayName\": \"Renamed\"}"));
        baselines.put("PUT /api/v1/users/me/password", new Baseline(As.USER, """
                {"currentPassword": "%s", "newPassword": "another fine passphrase"}""".formatted(PASSWORD)));
        baselines.put("DELETE /api/v1/users/me", new Baseline(As.USER, "{\"password\": \"%s\"}".formatted(PASSWORD)));
        baselines.put("POST /api/v1/auth/token", new Baseline(As.ANYONE, """
                {"email": "%s", "password": "%s"}""".formatted(email, PASSWORD)));
        baselines.put(
                "POST /api/v1/auth/refresh",
                new Baseline(As.ANYONE, "{\"refreshToken\": \"%s\"}".formatted(refreshToken)));
        baselines.put(
                "POST /api/v1/auth/logout",
                new Baseline(As.ANYONE, "{\"refreshToken\": \"%s\"}".formatted(refreshToken)));
        baselines.put("POST /api/v1/auth/email-verification", new Baseline(As.ANYONE, "{\"token\": \"not-issued\"}"));
        baselines.put(
                "POST /api/v1/auth/password-reset", new Baseline(As.ANYONE, "{\"email\": \"%s\"}".formatted(email)));
        baselines.put("POST /api/v1/auth/password-reset/confirm", new Baseline(As.ANYONE, """
                {"token": "not-issued", "newPassword": "another fine passphrase"}"""));
        baselines.put(
                "PATCH /api/v1/admin/users/{id}",
                new Baseline(As.ADMIN, "{\"roles\": [\"USER\"], \"status\": \"ACTIVE\"}"));
        baselines.put("POST /api/v1/admin/plans", new Baseline(As.ADMIN, planJson("another-" + plan)));
        baselines.put("PATCH /api/v1/admin/plans/{code}", new Baseline(As.ADMIN, """
                {"name": "Renamed", "description": "Changed", "features": ["One", "Two"], "status": "ACTIVE",
                 "price": {"amount": 500, "currency": "EUR"}, "interval": "MONTH"}"""));
        baselines.put("POST /api/v1/admin/clock/advance", new Baseline(As.ADMIN, "{\"duration\": \"PT1H\"}"));
        baselines.put(
                "POST /api/v1/subscriptions",
                new Baseline(As.USER, "{\"planCode\": \"%s\", \"paymentMethodId\": \"%s\"}".formatted(plan, card)));
        baselines.put("POST /api/v1/subscriptions/{id}/cancel", new Baseline(As.USER, "{\"atPeriodEnd\": true}"));
        baselines.put(
                "POST /api/v1/subscriptions/{id}/change-plan",
                new Baseline(As.USER, "{\"planCode\": \"%s\"}".formatted(plan)));
        baselines.put(
                "POST /api/v1/invoices/{id}/pay",
                new Baseline(As.USER, "{\"paymentMethodId\": \"%s\"}".formatted(card)));
        baselines.put("POST /api/v1/payment-methods", new Baseline(As.USER, "{\"token\": \"tok_mastercard\"}"));
        baselines.put("PUT /api/v1/notification-preferences", new Baseline(As.USER, """
                {"categories": {
                  "account": {"email": true, "inApp": true, "webhook": false},
                  "billing": {"email": true, "inApp": true, "webhook": false},
                  "security": {"email": true, "inApp": true, "webhook": false}}}"""));
        baselines.put("POST /api/v1/webhook-endpoints", new Baseline(As.USER, """
                {"url": "https://hooks.example.com/keel", "events": ["invoice.issued"], "description": "Ours"}"""));
        return baselines;
    }

    private static String planJson(String code) {
        return """
                {"code": "%s", "name": "Hostile", "description": "A plan to fuzz",
                 "price": {"amount": 1000, "currency": "EUR"}, "interval": "MONTH", "trialDays": 0,
                 "features": ["One"]}""".formatted(code);
    }

    /** What a caller can read back, to show the hostile requests changed none of it. */
    private Map<String, String> snapshot(String userId) throws Exception {
        var snapshot = new LinkedHashMap<String, String>();
        for (var path : List.of(
                "/api/v1/users/me",
                "/api/v1/payment-methods",
                "/api/v1/subscriptions",
                "/api/v1/invoices",
                "/api/v1/notification-preferences",
                "/api/v1/webhook-endpoints",
                "/api/v1/plans")) {
            snapshot.put(path, send("GET", path, As.USER, null).body());
        }
        for (var path : List.of("/api/v1/admin/users?limit=100", "/api/v1/admin/users/" + userId)) {
            snapshot.put(path, send("GET", path, As.ADMIN, null).body());
        }
        return snapshot;
    }

    /** {@code METHOD /path} of every operation with a JSON body, and the paths of the text fields in it. */
    private Map<String, List<List<Object>>> jsonOperations() throws Exception {
        var document =
                JSON.readTree(send("GET", "/v3/api-docs", As.ANYONE, null).body());
        var operations = new LinkedHashMap<String, List<List<Object>>>();
        for (var path : document.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                var schema = operation
                        .getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                if (!schema.isMissingNode()) {
                    var fields = new ArrayList<List<Object>>();
                    textFields(document, schema, List.of(), fields);
                    operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), fields);
                }
            }
        }
        return operations;
    }

    private static void textFields(JsonNode document, JsonNode schema, List<Object> at, List<List<Object>> fields) {
        if (schema.has("$ref")) {
            var name = schema.get("$ref").stringValue().substring("#/components/schemas/".length());
            textFields(document, document.path("components").path("schemas").path(name), at, fields);
            return;
        }
        var types = new TreeSet<String>();
        schema.path("type").forEach(type -> types.add(type.stringValue()));
        if (schema.path("type").isString()) {
            types.add(schema.get("type").stringValue());
        }
        if (types.contains("string")) {
            fields.add(at);
        } else if (types.contains("array")) {
            textFields(document, schema.path("items"), append(at, 0), fields);
        } else if (schema.has("properties")) {
            for (var property : schema.get("properties").properties()) {
                textFields(document, property.getValue(), append(at, property.getKey()), fields);
            }
        }
    }

    private static List<Object> append(List<Object> path, Object segment) {
        var longer = new ArrayList<>(path);
        longer.add(segment);
        return List.copyOf(longer);
    }

    /** The baseline body with the marker in place of the field at {@code path}, which the baseline must have. */
    private static String withMarker(String body, List<Object> path, String operation) {
        var root = JSON.readTree(body);
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i) instanceof String name ? parent.path(name) : parent.path((Integer) path.get(i));
        }
        var last = path.getLast();
        var present = last instanceof String name ? parent.has(name) : parent.has((Integer) last);
        assertThat(present)
                .as("the baseline body of %s has its text field %s", operation, path)
                .isTrue();
        if (parent instanceof ObjectNode object) {
            object.set((String) last, StringNode.valueOf(MARKER));
        } else {
            ((ArrayNode) parent).set((Integer) last, StringNode.valueOf(MARKER));
        }
        return JSON.writeValueAsString(root);
    }

    private static String abbreviated(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }

    private static String resolve(String template, Map<String, String> pathValues) {
        for (var entry : pathValues.entrySet()) {
            var placeholder = entry.getKey().substring(entry.getKey().lastIndexOf('/'));
            var prefix = entry.getKey().substring(0, entry.getKey().lastIndexOf('/'));
            if (template.startsWith(prefix + placeholder)) {
                return prefix + "/" + entry.getValue() + template.substring((prefix + placeholder).length());
            }
        }
        return template;
    }

    private String signIn(String email, String password) throws Exception {
        var tokens = send("POST", "/api/v1/auth/token", As.ANYONE, """
                {"email": "%s", "password": "%s"}""".formatted(email, password));
        assertThat(tokens.statusCode()).isEqualTo(200);
        return JSON.readTree(tokens.body()).get("accessToken").stringValue();
    }

    private HttpResponse<String> send(String method, String path, As caller, @Nullable String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if ("POST".equals(method)) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        switch (caller) {
            case USER -> request.header("Authorization", "Bearer " + user);
            case ADMIN -> request.header("Authorization", "Bearer " + admin);
            case ANYONE -> {}
        }
        return OpenApiValidation.validate(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }
}
