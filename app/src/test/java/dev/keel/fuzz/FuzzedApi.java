package dev.keel.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.OpenApiValidation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The API as the OpenAPI document of a running application describes it, with a world to aim at: an admin, a
 * signed-in user with a card and a subscription to a plan of their own, and a valid body for every operation that
 * takes JSON, so that whatever a test breaks in a request is the only thing wrong with it. A new JSON operation of
 * the document fails {@link #jsonOperations()} until it has a valid body here.
 */
final class FuzzedApi {

    static final String ADMIN_EMAIL = "ops@example.com";
    static final String ADMIN_PASSWORD = "an-operator-chosen-password";
    static final String PASSWORD = "correct horse battery staple";
    static final JsonMapper JSON = JsonMapper.shared();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MARKER = "fuzzed-value-goes-here";

    enum As {
        ANYONE,
        USER,
        ADMIN
    }

    /**
     * A field of a request body: where it is (names and array indexes), its JSON type in the schema and, for arrays,
     * whether the schema says its items are unique (a set, which duplicates collapse into).
     */
    record Field(List<Object> path, String type, boolean unique) {

        @Override
        public String toString() {
            return String.join(".", path.stream().map(String::valueOf).toList());
        }
    }

    /** An operation with a JSON body: how to call it validly, and the fields of its schema. */
    record Operation(String method, String path, As caller, String body, List<Field> fields) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final int port;
    private final JsonNode document;
    private String admin = "";
    private String user = "";
    private String email = "";
    private String userId = "";
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, Baseline> baselines = new LinkedHashMap<>();

    private record Baseline(As caller, String body) {}

    private FuzzedApi(int port) throws IOException, InterruptedException {
        this.port = port;
        this.document =
                JSON.readTree(send("GET", "/v3/api-docs", As.ANYONE, null).body());
    }

    /** The document of the application on {@code port}, and a world of its own in it. */
    static FuzzedApi on(int port) throws IOException, InterruptedException {
        var api = new FuzzedApi(port);
        api.admin = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        api.prepare();
        return api;
    }

    /**
     * A new user, plan, card and subscription, and the bodies that fit them: after a request that may have changed
     * the world (a fuzzed body that happened to be valid), the next ones start from a known state again.
     */
    void prepare() throws IOException, InterruptedException {
        email = "fuzzed-" + UUID.randomUUID() + "@example.com";
        assertThat(send("POST", "/api/v1/users", As.ANYONE, """
                {"email": "%s", "password": "%s", "displayName": "Fuzzed"}""".formatted(email, PASSWORD))
                        .statusCode())
                .isEqualTo(201);
        var tokens = JSON.readTree(send("POST", "/api/v1/auth/token", As.ANYONE, """
                {"email": "%s", "password": "%s"}""".formatted(email, PASSWORD))
                .body());
        user = tokens.get("accessToken").stringValue();
        userId = JSON.readTree(send("GET", "/api/v1/users/me", As.USER, null).body())
                .get("id")
                .stringValue();
        var plan = "fuzzed-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("POST", "/api/v1/admin/plans", As.ADMIN, planJson(plan)).statusCode())
                .isEqualTo(201);
        var card = JSON.readTree(send("POST", "/api/v1/payment-methods", As.USER, "{\"token\": \"tok_visa\"}")
                        .body())
                .get("id")
                .stringValue();
        var subscribed = send("POST", "/api/v1/subscriptions", As.USER, "{\"planCode\": \"%s\"}".formatted(plan));
        assertThat(subscribed.statusCode()).isEqualTo(201);
        var endpoint = send("POST", "/api/v1/webhook-endpoints", As.USER, """
                {"url": "http://127.0.0.1:9/keel", "events": ["invoice.paid"]}""");
        assertThat(endpoint.statusCode()).isEqualTo(201);

        pathValues.clear();
        pathValues.put("/api/v1/admin/users/{id}", userId);
        pathValues.put("/api/v1/admin/plans/{code}", plan);
        pathValues.put(
                "/api/v1/subscriptions/{id}",
                JSON.readTree(subscribed.body()).get("id").stringValue());
        pathValues.put("/api/v1/invoices/{id}", UUID.randomUUID().toString());
        pathValues.put("/api/v1/payment-methods/{id}", card);
        pathValues.put(
                "/api/v1/webhook-endpoints/{id}",
                JSON.readTree(endpoint.body()).get("id").stringValue());
        pathValues.put("/api/v1/notifications/{id}", UUID.randomUUID().toString());
        baselines.clear();
        baselines.putAll(baselines(email, tokens.get("refreshToken").stringValue(), plan, card));
    }

    String email() {
        return email;
    }

    JsonNode document() {
        return document;
    }

    /** Every operation of the document with a JSON request body. */
    List<Operation> jsonOperations() {
        var operations = new ArrayList<Operation>();
        forEachOperation((key, operation) -> {
            var schema = operation
                    .path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema");
            if (!schema.isMissingNode()) {
                var baseline = baselines.get(key);
                assertThat(baseline)
                        .as("every JSON operation of the OpenAPI document has a baseline body here: %s", key)
                        .isNotNull();
                var fields = new ArrayList<Field>();
                fields(schema, List.of(), fields);
                var method = key.substring(0, key.indexOf(' '));
                operations.add(new Operation(
                        method,
                        resolve(key.substring(key.indexOf(' ') + 1)),
                        baseline.caller(),
                        baseline.body(),
                        fields));
            }
        });
        assertThat(operations.stream().map(op -> op.method() + " " + unresolve(op)))
                .as("no baseline body here is for an operation the document no longer has")
                .containsExactlyInAnyOrderElementsOf(baselines.keySet());
        return operations;
    }

    /** {@code METHOD /path} (path variables filled in) of every operation taking the parameter {@code name}. */
    List<String> operationsWithParameter(String in, String name) {
        var found = new ArrayList<String>();
        forEachOperation((key, operation) -> {
            for (var parameter : operation.path("parameters")) {
                if (in.equals(parameter.path("in").stringValue())
                        && name.equals(parameter.path("name").stringValue())) {
                    found.add(key.substring(0, key.indexOf(' ')) + " " + resolve(key.substring(key.indexOf(' ') + 1)));
                }
            }
        });
        return found;
    }

    /** Who may call {@code METHOD /path}: the admin for admin paths, the user for every other secured one. */
    As callerOf(String method, String path) {
        for (var operation : jsonOperations()) {
            if (operation.method().equals(method) && operation.path().equals(path)) {
                return operation.caller();
            }
        }
        return path.startsWith("/api/v1/admin/") ? As.ADMIN : As.USER;
    }

    /** The value of the field at {@code field} in {@code body}. */
    static JsonNode valueAt(String body, Field field) {
        JsonNode node = JSON.readTree(body);
        for (var segment : field.path()) {
            node = segment instanceof String name ? node.path(name) : node.path((Integer) segment);
        }
        return node;
    }

    /** {@code body} with the field at {@code field} replaced by {@code json}, a JSON value as it travels. */
    static String with(String body, Field field, String json) {
        var root = JSON.readTree(body);
        JsonNode parent = root;
        var path = field.path();
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i) instanceof String name ? parent.path(name) : parent.path((Integer) path.get(i));
        }
        var last = path.getLast();
        var present = last instanceof String name ? parent.has(name) : parent.has((Integer) last);
        assertThat(present)
                .as("the baseline body %s has its field %s", body, field)
                .isTrue();
        if (parent instanceof ObjectNode object) {
            object.set((String) last, StringNode.valueOf(MARKER));
        } else {
            ((ArrayNode) parent).set((Integer) last, StringNode.valueOf(MARKER));
        }
        return JSON.writeValueAsString(root).replace('"' + MARKER + '"', json);
    }

    /** What a caller can read back, to show that refused requests changed none of it. */
    Map<String, String> snapshot() throws IOException, InterruptedException {
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

    String signIn(String email, String password) throws IOException, InterruptedException {
        var tokens = send("POST", "/api/v1/auth/token", As.ANYONE, """
                {"email": "%s", "password": "%s"}""".formatted(email, password));
        assertThat(tokens.statusCode()).isEqualTo(200);
        return JSON.readTree(tokens.body()).get("accessToken").stringValue();
    }

    HttpResponse<String> send(String method, String path, As caller, @Nullable String json)
            throws IOException, InterruptedException {
        return send(method, path, caller, json, Map.of());
    }

    /** A request as a client sends it, its response held against the OpenAPI document. */
    HttpResponse<String> send(String method, String path, As caller, @Nullable String json, Map<String, String> headers)
            throws IOException, InterruptedException {
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
        headers.forEach(request::setHeader);
        return OpenApiValidation.validate(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A problem response (RFC 9457) with a stable {@code code}. */
    static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("code").isString())
                .as(abbreviated(response.body()))
                .isTrue();
    }

    static String abbreviated(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }

    /** The access token {@code caller} signs requests with, for tests that write requests by hand. */
    String token(As caller) {
        return caller == As.ADMIN ? admin : user;
    }

    private void forEachOperation(BiConsumer<String, JsonNode> action) {
        for (var path : document.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                action.accept(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue());
            }
        }
    }

    private void fields(JsonNode schema, List<Object> at, List<Field> found) {
        if (schema.has("$ref")) {
            var name = schema.get("$ref").stringValue().substring("#/components/schemas/".length());
            fields(document.path("components").path("schemas").path(name), at, found);
            return;
        }
        var types = new TreeSet<String>();
        schema.path("type").forEach(type -> types.add(type.stringValue()));
        if (schema.path("type").isString()) {
            types.add(schema.get("type").stringValue());
        }
        types.remove("null");
        if (types.contains("array")) {
            if (!at.isEmpty()) {
                found.add(new Field(at, "array", schema.path("uniqueItems").asBoolean(false)));
            }
            fields(schema.path("items"), append(at, 0), found);
        } else if (schema.has("properties")) {
            if (!at.isEmpty()) {
                found.add(new Field(at, "object", false));
            }
            for (var property : schema.get("properties").properties()) {
                fields(property.getValue(), append(at, property.getKey()), found);
            }
        } else if (!types.isEmpty()) {
            found.add(new Field(at, types.first(), false));
        }
    }

    private static List<Object> append(List<Object> path, Object segment) {
        var longer = new ArrayList<>(path);
        longer.add(segment);
        return List.copyOf(longer);
    }

    private String resolve(String template) {
        for (var entry : pathValues.entrySet()) {
            var placeholder = entry.getKey().substring(entry.getKey().lastIndexOf('/'));
            var prefix = entry.getKey().substring(0, entry.getKey().lastIndexOf('/'));
            if (template.startsWith(prefix + placeholder)) {
                return prefix + "/" + entry.getValue() + template.substring((prefix + placeholder).length());
            }
        }
        return template;
    }

    private String unresolve(Operation operation) {
        for (var entry : pathValues.entrySet()) {
            var prefix = entry.getKey().substring(0, entry.getKey().lastIndexOf('/'));
            var concrete = prefix + "/" + entry.getValue();
            if (operation.path().startsWith(concrete)) {
                return entry.getKey() + operation.path().substring(concrete.length());
            }
        }
        return operation.path();
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
                {"url": "http://127.0.0.1:9/keel", "events": ["invoice.issued"], "description": "Ours"}"""));
        return baselines;
    }

    private static String planJson(String code) {
        return """
                {"code": "%s", "name": "Hostile", "description": "A plan to fuzz",
                 "price": {"amount": 1000, "currency": "EUR"}, "interval": "MONTH", "trialDays": 0,
                 "features": ["One"]}""".formatted(code);
    }
}
