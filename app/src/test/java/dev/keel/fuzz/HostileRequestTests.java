package dev.keel.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.keel.fuzz.FuzzedApi.As;
import dev.keel.fuzz.FuzzedApi.Operation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile requests beyond text fields: header injection through the echoed {@code X-Request-Id}, forged cursors on
 * every list and forged entity tags on every conditional change, JSON nesting, number and size bombs on every JSON
 * operation. None gets a 5xx, each refusal is a problem, and refused requests change nothing.
 */
@FuzzedApplication
class HostileRequestTests {

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @LocalServerPort
    int port;

    private FuzzedApi api;

    @BeforeEach
    void world() throws Exception {
        api = FuzzedApi.on(port);
    }

    /** The raw bytes after {@code X-Request-Id: }, as a client (or an attacker behind one) may send them. */
    private static final Map<String, byte[]> HOSTILE_IDS = Map.of(
            "CRLF and a header of its own", "abc\r\nX-Injected: yes".getBytes(ISO_8859_1),
            "obsolete line folding", "abc\r\n X-Injected: yes".getBytes(ISO_8859_1),
            "bare LF", "abc\nX-Injected: yes".getBytes(ISO_8859_1),
            "bare CR", "abc\rX-Injected: yes".getBytes(ISO_8859_1),
            "percent-encoded CRLF", "abc%0d%0aX-Injected:%20yes".getBytes(ISO_8859_1),
            "UTF-8 bytes", "café-\u2028-id".getBytes(UTF_8),
            "Latin-1 byte", "caf\u00e9".getBytes(ISO_8859_1),
            "NUL byte", "abc\u0000def".getBytes(ISO_8859_1),
            "markup", "<script>alert(1)</script>".getBytes(ISO_8859_1),
            "7,000 characters", "x".repeat(7_000).getBytes(ISO_8859_1));

    @TestFactory
    Stream<DynamicTest> echoesOnlyOneSaneRequestId() {
        var tests = new ArrayList<DynamicTest>();
        HOSTILE_IDS.forEach((name, id) -> {
            for (var path : List.of("/api/v1/plans", "/api/v1/users/me", "/api/v1/no-such-route")) {
                tests.add(dynamicTest(name + " on " + path, () -> {
                    var head = rawGet(path, id);
                    assertThat(status(head)).as(head).isLessThan(500);
                    var echoed = header(head, "X-Request-Id");
                    assertThat(echoed).as(head).hasSizeLessThanOrEqualTo(1);
                    echoed.forEach(value -> assertThat(value).matches(SANE_ID));
                    assertThat(header(head, "X-Injected")).as(head).isEmpty();
                }));
            }
        });
        tests.add(dynamicTest("a sane id is echoed as sent", () -> {
            var head = rawGet("/api/v1/plans", "client-id-42.a:b_c".getBytes(ISO_8859_1));
            assertThat(header(head, "X-Request-Id")).containsExactly("client-id-42.a:b_c");
        }));
        return tests.stream();
    }

    /** What Tomcat refuses before the application sees the request, as raw request heads. */
    private static final Map<String, String> UNREADABLE_REQUESTS = Map.of(
            "a request line of 10,000 characters",
                    "GET /api/v1/plans?q=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: a\r\n",
            "a header of 20,000 characters",
                    "GET /api/v1/plans HTTP/1.1\r\nHost: a\r\nX-Big: " + "x".repeat(20_000) + "\r\n",
            "a space in a header name", "GET /api/v1/plans HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n",
            "a control character in a header", "GET /api/v1/plans HTTP/1.1\r\nHost: a\r\nX-Ctl: a\u0001b\r\n",
            "no Host header", "GET /api/v1/plans HTTP/1.1\r\n");

    @TestFactory
    Stream<DynamicTest> answersRequestsTomcatCannotReadWithAProblem() {
        return UNREADABLE_REQUESTS.entrySet().stream()
                .map(unreadable -> dynamicTest(unreadable.getKey(), () -> {
                    var response = raw((unreadable.getValue() + "Connection: close\r\n\r\n").getBytes(ISO_8859_1));
                    var head = response.substring(0, response.indexOf("\r\n\r\n"));
                    assertThat(status(head)).as(head).isEqualTo(400);
                    assertThat(header(head, "Content-Type"))
                            .singleElement()
                            .asString()
                            .startsWith("application/problem+json");
                    assertThat(header(head, "X-Request-Id"))
                            .singleElement()
                            .asString()
                            .matches(SANE_ID);
                    var problem = FuzzedApi.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
                    assertThat(problem.path("code").stringValue()).isEqualTo("bad_request");
                    assertThat(problem.path("traceId").stringValue())
                            .isEqualTo(header(head, "X-Request-Id").getFirst());
                }));
    }

    @Test
    void echoesTheRequestIdOfTheRetryOnceWhenAnAnswerIsReplayed() throws Exception {
        var key = UUID.randomUUID().toString();
        var body = "{\"token\": \"tok_mastercard\"}";
        var first = api.send(
                "POST",
                "/api/v1/payment-methods",
                As.USER,
                body,
                Map.of("Idempotency-Key", key, "X-Request-Id", "one"));
        var replayed = api.send(
                "POST",
                "/api/v1/payment-methods",
                As.USER,
                body,
                Map.of("Idempotency-Key", key, "X-Request-Id", "two"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.headers().allValues("X-Request-Id")).containsExactly("two");
    }

    @TestFactory
    Stream<DynamicTest> refusesForgedCursorsOnEveryList() throws Exception {
        var page = FuzzedApi.JSON.readTree(
                api.send("GET", "/api/v1/admin/users?limit=1", As.ADMIN, null).body());
        var genuine = page.get("nextCursor").stringValue();
        // A character in the middle: the last one of unpadded base64 may carry only unused bits, so changing it
        // could leave the decoded (and validly signed) cursor as it was.
        int middle = genuine.length() / 2;
        var flipped = genuine.substring(0, middle)
                + (genuine.charAt(middle) == 'A' ? 'B' : 'A')
                + genuine.substring(middle + 1);
        var random = new byte[32];
        new Random(7).nextBytes(random);
        var forgeries = Map.of(
                "a genuine cursor with one character changed",
                flipped,
                "a genuine cursor cut short",
                genuine.substring(0, genuine.length() - 4),
                "32 random bytes",
                Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                "a bare id",
                UUID.randomUUID().toString(),
                "not base64",
                "!!not*base64!!",
                "SQL",
                "' OR 1=1 --",
                // Longer ones do not fit Tomcat's 8 KiB request line: see answersRequestsTomcatCannotReadWithAProblem.
                "6,000 characters",
                "A".repeat(6_000),
                "NUL",
                "\u0000");
        var lists = api.operationsWithParameter("query", "cursor");
        assertThat(lists).hasSizeGreaterThanOrEqualTo(7);
        var tests = new ArrayList<DynamicTest>();
        tests.add(dynamicTest(
                "the genuine cursor pages on",
                () -> assertThat(api.send("GET", "/api/v1/admin/users?limit=1&cursor=" + genuine, As.ADMIN, null)
                                .statusCode())
                        .isEqualTo(200)));
        for (var list : lists) {
            var path = list.substring(list.indexOf(' ') + 1);
            var caller = path.startsWith("/api/v1/admin/") ? As.ADMIN : As.USER;
            forgeries.forEach((name, cursor) -> tests.add(dynamicTest(list + " with " + name, () -> {
                var response = api.send("GET", path + "?cursor=" + URLEncoder.encode(cursor, UTF_8), caller, null);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                FuzzedApi.assertProblem(response);
                assertThat(response.body()).contains("invalid_cursor");
            })));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> refusesForgedEntityTagsOnEveryConditionalChange() throws Exception {
        var conditional = api.operationsWithParameter("header", "If-Match");
        assertThat(conditional).hasSizeGreaterThanOrEqualTo(4);
        var operations = api.jsonOperations();
        var before = api.snapshot();
        var forgeries = Map.of(
                "a made-up strong tag", "\"forged\"",
                "a made-up weak tag", "W/\"12345\"",
                "a list of made-up tags", "\"1000\", W/\"1001\"",
                "a negative version", "\"-1\"",
                "a version past any long", "\"99999999999999999999999\"",
                "an empty tag", "\"\"",
                "an unquoted tag", "forged",
                "4,000 characters", "\"" + "9".repeat(4_000) + "\"");
        var tests = new ArrayList<DynamicTest>();
        for (var change : conditional) {
            var operation = operations.stream()
                    .filter(op -> change.equals(op.toString()))
                    .findFirst()
                    .orElseThrow();
            forgeries.forEach((name, tag) -> tests.add(dynamicTest(change + " with " + name, () -> {
                var response = api.send(
                        operation.method(),
                        operation.path(),
                        operation.caller(),
                        operation.body(),
                        Map.of("If-Match", tag));
                assertThat(response.statusCode()).as(response.body()).isIn(400, 412);
                FuzzedApi.assertProblem(response);
            })));
        }
        tests.add(
                dynamicTest("changes nothing", () -> assertThat(api.snapshot()).isEqualTo(before)));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> refusesJsonBombsOnEveryOperation() throws Exception {
        var before = api.snapshot();
        var tests = new ArrayList<DynamicTest>();
        for (var operation : api.jsonOperations()) {
            var first = operation.fields().getFirst();
            var bombs = new LinkedHashMap<String, String>();
            bombs.put("100,000 nested arrays", "[".repeat(100_000) + "]".repeat(100_000));
            bombs.put("50,000 nested objects", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
            bombs.put(
                    "2,000 nested arrays in a field",
                    FuzzedApi.with(operation.body(), first, "[".repeat(2_000) + "]".repeat(2_000)));
            bombs.put("an exponent of a billion", FuzzedApi.with(operation.body(), first, "1e1000000000"));
            bombs.put("100,000 digits", FuzzedApi.with(operation.body(), first, "1" + "0".repeat(100_000)));
            bombs.put("100,000 decimals", FuzzedApi.with(operation.body(), first, "0." + "1".repeat(100_000)));
            bombs.put("a 2 MiB body", FuzzedApi.with(operation.body(), first, "\"" + "x".repeat(2 << 20) + "\""));
            bombs.put("100,000 keys", manyKeys());
            for (var field : operation.fields()) {
                // 50,000 copies of one item of a set are one item once read, the body bounded by the size limit.
                if (field.type().equals("array") && !field.unique()) {
                    bombs.put(
                            "50,000 elements in " + field,
                            FuzzedApi.with(operation.body(), field, manyElements(operation, field)));
                }
            }
            bombs.forEach((name, body) -> tests.add(dynamicTest(operation + " with " + name, () -> {
                var response = api.send(operation.method(), operation.path(), operation.caller(), body);
                assertThat(response.statusCode())
                        .as(FuzzedApi.abbreviated(response.body()))
                        .isBetween(400, 499);
                FuzzedApi.assertProblem(response);
            })));
        }
        tests.add(
                dynamicTest("changes nothing", () -> assertThat(api.snapshot()).isEqualTo(before)));
        return tests.stream();
    }

    private static String manyKeys() {
        var keys = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        return keys.append('}').toString();
    }

    /** The array at {@code field} of the baseline with its first element 50,000 times. */
    private static String manyElements(Operation operation, FuzzedApi.Field field) {
        var array = FuzzedApi.valueAt(operation.body(), field);
        var element = array.isEmpty() ? "\"x\"" : FuzzedApi.JSON.writeValueAsString(array.get(0));
        return "[" + String.join(",", Collections.nCopies(50_000, element)) + "]";
    }

    /** The head of the response to a GET whose {@code X-Request-Id} carries {@code id}, byte for byte. */
    private String rawGet(String path, byte[] id) throws IOException {
        var request = new ByteArrayOutputStream();
        request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + api.token(As.USER) + "\r\nX-Request-Id: ")
                .getBytes(ISO_8859_1));
        request.writeBytes(id);
        request.writeBytes("\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
        var response = raw(request.toByteArray());
        var end = response.indexOf("\r\n\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    private String raw(byte[] request) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
        }
    }

    private static int status(String head) {
        assertThat(head).startsWith("HTTP/1.1 ");
        return Integer.parseInt(head.substring(9, 12));
    }

    private static List<String> header(String head, String name) {
        return head.lines()
                .skip(1)
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip())
                .toList();
    }
}
