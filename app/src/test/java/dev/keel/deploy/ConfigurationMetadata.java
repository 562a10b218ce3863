package dev.keel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The properties the application can bind, from the configuration metadata of every jar on the class path
 * (Spring Boot's, and Keel's own from spring-boot-configuration-processor), in the two forms Spring Boot
 * maps environment variables to: {@code keel.security.access-token-ttl} is bound from
 * {@code KEEL_SECURITY_ACCESSTOKENTTL} and from {@code KEEL_SECURITY_ACCESS_TOKEN_TTL}.
 */
final class ConfigurationMetadata {

    /** Environment variables that configure the JVM, not Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final Set<String> variables = new HashSet<>();
    private final Set<String> mapPrefixes = new HashSet<>();

    @SuppressWarnings("unchecked")
    static ConfigurationMetadata load() {
        var metadata = new ConfigurationMetadata();
        try {
            var resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json");
            for (var resource : resources) {
                try (var in = resource.getInputStream()) {
                    var json = (Map<String, Object>) Repository.JSON.readValue(in, Map.class);
                    for (var property : (List<Map<String, Object>>) json.getOrDefault("properties", List.of())) {
                        var name = (String) property.get("name");
                        var target = String.valueOf(property.get("type")).startsWith("java.util.Map")
                                ? metadata.mapPrefixes
                                : metadata.variables;
                        target.addAll(variablesOf(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return metadata;
    }

    /** Whether Spring Boot binds this environment variable to a property the application declares. */
    boolean binds(String variable) {
        return JVM_VARIABLES.contains(variable)
                || variables.contains(variable)
                || mapPrefixes.stream().anyMatch(prefix -> variable.startsWith(prefix + "_"));
    }

    boolean declares(String property) {
        return variablesOf(property).stream().anyMatch(this::binds);
    }

    static Set<String> variablesOf(String property) {
        var upper = property.toUpperCase(Locale.ROOT).replace(".", "_");
        return new HashSet<>(List.of(upper.replace("-", ""), upper.replace("-", "_")));
    }
}
