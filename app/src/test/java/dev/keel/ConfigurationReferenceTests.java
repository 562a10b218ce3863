package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps docs/configuration.md in step with the code: the reference of every {@code keel.*} property is
 * generated from the configuration metadata that spring-boot-configuration-processor writes into each
 * module's jar (names, types, defaults, and descriptions from the properties records' Javadoc). A stale file
 * is rewritten and fails the build, so a change of a property cannot land without its documentation.
 */
class ConfigurationReferenceTests {

    static final Path REFERENCE = Path.of("../docs/configuration.md");

    @Test
    void documentsEveryKeelPropertyFromTheConfigurationMetadata() throws IOException {
        var properties = keelProperties();
        var generated = reference(properties);
        var committed = Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "";

        assertThat(properties).containsKeys("keel.security.jwt-secret", "keel.users.refresh-token-ttl");
        if (!generated.equals(committed)) {
            Files.writeString(REFERENCE, generated);
        }
        assertThat(committed)
                .as("docs/configuration.md was stale and has been regenerated: review and commit it")
                .isEqualTo(generated);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> keelProperties() throws IOException {
        var properties = new TreeMap<String, Map<String, Object>>();
        var resources = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/spring-configuration-metadata.json");
        for (var resource : resources) {
            try (var in = resource.getInputStream()) {
                var metadata =
                        (Map<String, Object>) JsonMapper.builder().build().readValue(in, Map.class);
                for (var property : (List<Map<String, Object>>) metadata.getOrDefault("properties", List.of())) {
                    var name = (String) property.get("name");
                    if (name.startsWith("keel.")) {
                        properties.put(name, property);
                    }
                }
            }
        }
        return properties;
    }

    private static String reference(Map<String, Map<String, Object>> properties) {
        var lines = new ArrayList<String>();
        lines.add("# Configuration reference");
        lines.add("");
        lines.add(
                "Every `keel.*` property with its type, default and meaning, generated from the configuration metadata");
        lines.add(
                "of the build by `ConfigurationReferenceTests` (do not edit by hand). Set a property in the environment by");
        lines.add("upper-casing its name and replacing `.` and `-` with `_`: `keel.users.refresh-token-ttl` is");
        lines.add(
                "`KEEL_USERS_REFRESH_TOKEN_TTL`. Durations are ISO-8601 (`PT15M`, `P30D`) or `15m`, `30d`. Invalid values");
        lines.add(
                "stop the start with a message naming the property. Spring Boot's own properties (`spring.*`, `server.*`,");
        lines.add(
                "`management.*`) are in its documentation; `config/keel.env.example` shows a production environment.");
        var groups = new TreeMap<String, List<Map<String, Object>>>();
        properties.forEach((name, property) ->
                groups.computeIfAbsent(group(name), key -> new ArrayList<>()).add(property));
        groups.forEach((group, members) -> {
            lines.add("");
            lines.add("## " + group);
            lines.add("");
            lines.add("| Property | Environment variable | Type | Default | Meaning |");
            lines.add("|---|---|---|---|---|");
            members.sort(Comparator.comparing(property -> (String) property.get("name")));
            for (var property : members) {
                var name = (String) property.get("name");
                lines.add("| `%s` | `%s` | %s | %s | %s |"
                        .formatted(
                                name,
                                name.toUpperCase(java.util.Locale.ROOT)
                                        .replace('.', '_')
                                        .replace('-', '_'),
                                type(property.get("type")),
                                defaultValue(property.get("defaultValue")),
                                cell(property.get("description"))));
            }
        });
        return String.join("\n", lines) + "\n";
    }

    private static String group(String name) {
        var parts = name.split("\\.");
        return parts[0] + "." + parts[1];
    }

    private static String type(Object type) {
        return type == null
                ? ""
                : cell(String.valueOf(type).replaceAll("[\\w$]+\\.", "").replace('$', '.'));
    }

    private static String defaultValue(Object value) {
        if (value == null) {
            return "";
        }
        var text = value instanceof List<?> list
                ? String.join(", ", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return "`" + text + "`";
    }

    private static String cell(Object text) {
        return text == null
                ? ""
                : String.valueOf(text)
                        .replaceAll("\\s+", " ")
                        .replaceAll("\\{@code ([^}]*)}", "`$1`")
                        .replace("|", "\\|")
                        .strip();
    }
}
