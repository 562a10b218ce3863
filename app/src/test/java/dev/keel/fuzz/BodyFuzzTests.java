package dev.keel.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.keel.fuzz.FuzzedApi.Field;
import dev.keel.fuzz.FuzzedApi.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Random requests derived from the OpenAPI document: a valid body of a random JSON operation with one thing changed
 * (a field given a value of any type or an extreme one, a field removed, a field added, the JSON cut short, the whole
 * body replaced). Whatever the change, the answer is never a 5xx, always matches the document (the responses are
 * validated strictly), and a refusal is a problem. A change that happens to leave the body valid may change the
 * world, so the next case starts from a new one.
 *
 * <p>Reproducible and bounded: {@code -Dkeel.fuzz.seed} picks the cases (a fixed one by default, so every build runs
 * the same ones), {@code -Dkeel.fuzz.cases} how many. A failing case names its seed and number; run again with that
 * seed to see it again, or with another seed (and more cases) to look further.
 */
@FuzzedApplication
class BodyFuzzTests {

    private static final long SEED = Long.getLong("keel.fuzz.seed", 20261204L);
    private static final int CASES = Integer.getInteger("keel.fuzz.cases", 400);
    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> neverAnswersAFuzzedBodyWithAServerError() throws Exception {
        var api = FuzzedApi.on(port);
        var random = new Random(SEED);
        var operations = api.jsonOperations();
        var tests = new ArrayList<DynamicTest>();
        for (int n = 0; n < CASES; n++) {
            var operationIndex = random.nextInt(operations.size());
            var mutation = random.nextLong();
            var number = n;
            tests.add(dynamicTest("seed " + SEED + " case " + n, () -> {
                // Each case reads the current world's bodies, so one that changed the world cannot spoil the next.
                var operation = api.jsonOperations().get(operationIndex);
                var body = mutate(operation, new Random(mutation));
                var response = api.send(operation.method(), operation.path(), operation.caller(), body);
                synchronized (STATUSES) {
                    STATUSES.merge(response.statusCode(), 1, Integer::sum);
                }
                assertThat(response.statusCode())
                        .as(
                                "case %d: %s with %s answered %s",
                                number, operation, FuzzedApi.abbreviated(body), FuzzedApi.abbreviated(response.body()))
                        .isLessThan(500);
                if (response.statusCode() >= 400) {
                    FuzzedApi.assertProblem(response);
                } else {
                    api.prepare();
                }
            }));
        }
        return tests.stream();
    }

    @AfterAll
    static void statuses() {
        System.out.printf("Body fuzzing, seed %d, %d cases, statuses: %s%n", SEED, CASES, STATUSES);
    }

    /** The operation's valid body with one random thing wrong (or, by chance, still right). */
    static String mutate(Operation operation, Random random) {
        var body = operation.body();
        var fields = operation.fields();
        return switch (random.nextInt(10)) {
            case 0 -> body.substring(0, random.nextInt(body.length()));
            case 1 -> value(random, 0);
            case 2 -> {
                // A field the document does not know, added in front of the others.
                var name = text(random).replace("\\", "").replace("\"", "") + "x";
                var open = body.indexOf('{');
                yield body.substring(0, open + 1) + "\"" + name + "\": " + value(random, 0) + ", "
                        + body.substring(open + 1);
            }
            case 3 -> removed(body, pick(fields, random));
            default -> FuzzedApi.with(body, pick(fields, random), value(random, 0));
        };
    }

    private static Field pick(List<Field> fields, Random random) {
        return fields.get(random.nextInt(fields.size()));
    }

    private static String removed(String body, Field field) {
        var root = FuzzedApi.JSON.readTree(body);
        var parent = root;
        for (var segment : field.path().subList(0, field.path().size() - 1)) {
            parent = segment instanceof String name ? parent.path(name) : parent.path((Integer) segment);
        }
        var last = field.path().getLast();
        if (parent instanceof tools.jackson.databind.node.ObjectNode object) {
            object.remove((String) last);
        } else if (parent instanceof tools.jackson.databind.node.ArrayNode array) {
            array.remove((Integer) last);
        }
        return FuzzedApi.JSON.writeValueAsString(root);
    }

    /** A JSON value of any kind, extremes included, as it travels. */
    private static String value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 8 : 11)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 ->
                List.of(
                                "0",
                                "-0",
                                "-1",
                                "2147483648",
                                "9223372036854775808",
                                "-9223372036854775809",
                                "1e308",
                                "-1e-400",
                                "0.1",
                                "1.0",
                                "1E2",
                                "123456789012345678901234567890")
                        .get(random.nextInt(12));
            case 4 -> Double.toString(random.nextGaussian() * 1e6);
            case 5, 6, 7 -> FuzzedApi.JSON.writeValueAsString(text(random));
            case 8 -> "[]";
            case 9 -> "[" + value(random, depth + 1) + ", " + value(random, depth + 1) + "]";
            default -> "{\"" + (random.nextBoolean() ? "amount" : "k") + "\": " + value(random, depth + 1) + "}";
        };
    }

    /** Text a person, a script or an attacker might send: words, scripts, emoji, edge cases of formats. */
    private static String text(Random random) {
        var samples = List.of(
                "",
                " ",
                "Ada",
                "ADMIN",
                "USER",
                "MONTH",
                "YEAR",
                "EUR",
                "eur",
                "ARCHIVED",
                "P1D",
                "PT-1H",
                "P999999999D",
                "tok_visa",
                "tok_chargeDeclined",
                "invoice.paid",
                "ada@example.com",
                "a@b",
                "@example.com",
                "http://127.0.0.1:9/x",
                "https://169.254.169.254/latest/meta-data",
                "file:///etc/passwd",
                "00000000-0000-0000-0000-000000000000",
                "01a23e8c-e861-72aa-98ea-f275c66fd4a6",
                "' OR '1'='1",
                "<img src=x onerror=alert(1)>",
                "${jndi:ldap://x/a}",
                "%s%s%s%n",
                "\u202eevil\u202c",
                "\u200b\u200d\ufeff",
                "Zoë Ωμέγα 日本語 עברית",
                "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
                "x".repeat(256),
                "y".repeat(5_000));
        var sample = samples.get(random.nextInt(samples.size()));
        return random.nextInt(4) == 0 ? sample + sample : sample;
    }
}
