package dev.keel.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.OpenApiContract.Response;
import dev.keel.test.OpenApiContract.Violation;
import org.junit.jupiter.api.Test;

class OpenApiContractTests {

    static final OpenApiContract CONTRACT = OpenApiContract.of("""
            {"openapi": "3.1.0",
             "paths": {
               "/users/{id}": {"get": {"responses": {
                 "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}},
               "/users/me": {"get": {"responses": {
                 "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}},
                 "304": {"description": "Not modified"}}}},
               "/users": {"post": {"responses": {
                 "201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                 "4XX": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}}}}
             },
             "components": {"schemas": {
               "User": {"type": "object", "required": ["id"], "properties": {
                 "id": {"type": "string", "format": "uuid"},
                 "tags": {"type": "array", "items": {"type": "string"}}}},
               "Me": {"type": "object", "required": ["email"], "properties": {"email": {"type": "string"}}}
             }}}
            """);

    static final String USER = "{\"id\": \"5b0c5c4e-0f0e-4a8e-9a53-1d1e2b3c4d5e\", \"tags\": [\"a\"]}";

    @Test
    void acceptsAResponseTheDocumentDescribes() {
        assertThat(CONTRACT.check(json("GET", "/users/5b0c5c4e-0f0e-4a8e-9a53-1d1e2b3c4d5e", 200, USER)))
                .isEmpty();
        assertThat(CONTRACT.check(new Response("GET", "/users/me", 304, null, "")))
                .isEmpty();
    }

    @Test
    void prefersTheLiteralPathOverATemplate() {
        assertThat(CONTRACT.check(json("GET", "/users/me", 200, "{\"email\": \"ada@example.com\"}")))
                .isEmpty();
    }

    @Test
    void namesAnUndocumentedStatus() {
        assertThat(CONTRACT.check(json("GET", "/users/me", 409, "{}")))
                .extracting(Violation::line)
                .containsExactly("GET /users/me 409: status not documented (documented: 200, 304)");
    }

    @Test
    void takesARangeOfStatuses() {
        assertThat(CONTRACT.check(new Response("POST", "/users", 409, "application/problem+json", "{}")))
                .isEmpty();
    }

    @Test
    void namesAnUndocumentedMediaType() {
        assertThat(CONTRACT.check(new Response("GET", "/users/me", 200, "text/plain;charset=UTF-8", "hi")))
                .extracting(Violation::reason)
                .containsExactly("Content-Type text/plain;charset=UTF-8 not documented (documented: application/json)");
    }

    @Test
    void namesEveryFieldThatBreaksTheSchemaOnce() {
        var violations = CONTRACT.check(json("POST", "/users", 201, "{\"id\": \"x\", \"tags\": [1, 2]}"));

        assertThat(violations)
                .extracting(Violation::reason)
                .anySatisfy(reason -> assertThat(reason).startsWith("body $.id "))
                .anySatisfy(reason -> assertThat(reason).startsWith("body $.tags[*] "));
        assertThat(violations)
                .allSatisfy(violation -> assertThat(violation.operation()).isEqualTo("POST /users"));
    }

    @Test
    void namesAMissingBodyOfASuccess() {
        assertThat(CONTRACT.check(new Response("POST", "/users", 201, null, "")))
                .extracting(Violation::reason)
                .containsExactly("no body, but the document promises application/json");
    }

    @Test
    void agreesThatAnUnknownPathIsNotFound() {
        assertThat(CONTRACT.check(json("GET", "/nothing/here", 404, "{}"))).isEmpty();
        assertThat(CONTRACT.check(json("DELETE", "/users/me", 200, "{}")))
                .extracting(Violation::line)
                .containsExactly("DELETE /users/me 200: no such operation in the document");
    }

    private static Response json(String method, String path, int status, String body) {
        return new Response(method, path, status, "application/json", body);
    }
}
