package dev.keel.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile text in every text field of every JSON operation the OpenAPI document lists is answered with a 4xx
 * problem, never a 5xx, and changes nothing a caller can read back. The operations and their text fields come from
 * {@code /v3/api-docs}, so a new operation or field is covered as soon as it is documented.
 */
@FuzzedApplication
class HostileTextTests {

    /** Each as it travels in the JSON text, quotes and escapes included. */
    private static final Map<String, String> HOSTILE_VALUES = Map.of(
            "lone high surrogate", "\"\\ud800\"",
            "lone low surrogate", "\"low \\udc00 surrogate\"",
            "NUL", "\"nul \\u0000 character\"",
            "control characters", "\"bell \\u0007 escape \\u001b[2J backspace \\u0008\"",
            "DEL and C1 controls", "\"delete \\u007f next line \\u0085\"",
            "200,000 characters", "\"" + "x".repeat(200_000) + "\"",
            "20,000 emoji", "\"" + "\\ud83d\\ude00".repeat(20_000) + "\"");

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> answersHostileTextInEveryFieldWithAProblem() throws Exception {
        var api = FuzzedApi.on(port);
        var before = api.snapshot();
        var tests = new ArrayList<DynamicTest>();
        for (var operation : api.jsonOperations()) {
            for (var field : operation.fields()) {
                if (!field.type().equals("string")) {
                    continue;
                }
                HOSTILE_VALUES.forEach((name, value) -> {
                    var display = operation + " " + field + " = " + name;
                    tests.add(dynamicTest(display, () -> {
                        var response = api.send(
                                operation.method(),
                                operation.path(),
                                operation.caller(),
                                FuzzedApi.with(operation.body(), field, value));
                        assertThat(response.statusCode())
                                .as("%s answered %s", display, FuzzedApi.abbreviated(response.body()))
                                .isBetween(400, 499);
                        FuzzedApi.assertProblem(response);
                    }));
                });
            }
        }
        tests.add(dynamicTest("changes nothing a caller can read back", () -> {
            assertThat(api.snapshot()).isEqualTo(before);
            assertThat(api.signIn(api.email(), FuzzedApi.PASSWORD)).isNotBlank();
        }));
        assertThat(tests).hasSizeGreaterThan(HOSTILE_VALUES.size() * 20);
        return tests.stream();
    }
}
