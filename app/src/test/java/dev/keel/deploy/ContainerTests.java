package dev.keel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.keel.KeelApplication;
import dev.keel.ops.OpsCommandLine;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile and compose.yaml cannot be built or started here (no Docker engine), so what they name is
 * checked against the build and the application instead: the jar path, ports, profile, entry point, ops
 * commands, environment variables and the monitoring files they mount.
 */
class ContainerTests {

    /** Properties that compose.yaml sets but only other branches bring (the lead empties this). */
    static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$", Pattern.DOTALL);

    static List<String[]> dockerfile;
    static Map<String, Object> compose;
    static ConfigurationMetadata metadata;

    @BeforeAll
    static void read() {
        dockerfile = instructions(Repository.read("Dockerfile"));
        compose = Repository.yaml("compose.yaml");
        metadata = ConfigurationMetadata.load();
    }

    @Test
    void buildsWithTheWrapperOnJdk25AndRunsOnAJre25AsANonRootUser() {
        var arguments = arguments("ARG");
        var stages = arguments("FROM");

        assertThat(stages).hasSize(2);
        assertThat(arguments).anyMatch(argument -> argument.matches("JDK_IMAGE=eclipse-temurin:25-jdk.*"));
        assertThat(arguments).anyMatch(argument -> argument.matches("JRE_IMAGE=eclipse-temurin:25-jre.*"));
        assertThat(arguments("RUN")).anyMatch(run -> run.contains("./mvnw") && run.contains("package"));
        assertThat(arguments("USER")).singleElement().satisfies(user -> {
            assertThat(user).matches("\\d+:\\d+");
            assertThat(user).doesNotStartWith("0:");
        });
    }

    @Test
    void extractsTheLayersOfTheJarTheBuildMakes() throws Exception {
        var pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Repository.path("app/pom.xml").toFile());
        var finalName = pom.getElementsByTagName("finalName").item(0).getTextContent();
        var build = arguments("RUN").getFirst();

        assertThat(build).contains("-Djarmode=tools -jar app/target/" + finalName + ".jar extract --layers");
        assertThat(arguments("COPY"))
                .filteredOn(copy -> copy.startsWith("--from=build /layers/"))
                .hasSize(4);
        assertThat(entryPoint()).containsSubsequence("-jar", "/app/" + finalName + ".jar");
    }

    @Test
    void startsFromTheAotCacheOfItsTrainingRun() {
        var training = arguments("RUN").stream()
                .filter(run -> run.contains("-XX:AOTCacheOutput="))
                .findFirst()
                .orElseThrow();
        var cache = training.replaceFirst("(?s).*-XX:AOTCacheOutput=(\\S+).*", "$1");

        assertThat(entryPoint()).contains("-XX:AOTCache=" + cache);
        var properties = Pattern.compile("-D([a-z][\\w.-]*)=")
                .matcher(training)
                .results()
                .map(match -> match.group(1))
                .filter(property -> !property.equals("spring.context.exit")) // a system property of SpringApplication
                .toList();
        assertThat(properties)
                .isNotEmpty()
                .allSatisfy(property ->
                        assertThat(metadata.declares(property)).as(property).isTrue());
    }

    @Test
    void runsTheProductionProfileOnTheApplicationsPortsWithMemoryFromTheContainerLimit() {
        var environment = String.join(" ", arguments("ENV"));
        var production = Repository.applicationProperties("application-prod.yaml");

        assertThat(environment).contains("SPRING_PROFILES_ACTIVE=prod").contains("-XX:MaxRAMPercentage=");
        assertThat(Files.exists(Repository.path("app/src/main/resources/application-prod.yaml")))
                .isTrue();
        assertThat(arguments("EXPOSE").getFirst().split("\\s+"))
                .containsExactlyInAnyOrder("8080", production.getProperty("management.server.port"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composesTheLocalStackFromWhatTheApplicationAndConfigProvide() {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        var keel = (Map<String, Object>) services.get("keel");
        var environment = (Map<String, Object>) keel.get("environment");
        var managementPort =
                Repository.applicationProperties("application-prod.yaml").getProperty("management.server.port");

        assertThat(services).containsKeys("postgres", "migrate", "keel", "prometheus", "grafana", "mailpit");
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        assertThat(environment.keySet())
                .filteredOn(variable -> !metadata.binds(variable))
                .as("environment variables that bind to no property")
                .isEmpty();
        assertThat((List<String>) keel.get("ports"))
                .containsExactlyInAnyOrder("8080:8080", managementPort + ":" + managementPort);
        assertThat(JsonPath.<String>read(
                        Repository.yaml("config/prometheus/prometheus.yml"),
                        "$.scrape_configs[0].static_configs[0].targets[0]"))
                .isEqualTo("keel:" + managementPort);
    }

    @Test
    @SuppressWarnings("unchecked")
    void migratesWithTheOpsCommandBeforeKeelStarts() {
        var services = (Map<String, Object>) compose.get("services");
        var migrate = (Map<String, Object>) services.get("migrate");
        var command = new ArrayList<>((List<String>) migrate.get("command"));

        assertThat(JsonPath.<String>read(services.get("keel"), "$.depends_on.migrate.condition"))
                .isEqualTo("service_completed_successfully");
        command.add("--help");
        assertThat(OpsCommandLine.run(KeelApplication.class, command.toArray(String[]::new)))
                .isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mountsTheMonitoringFilesWhereTheToolsLookForThem() {
        var services = (Map<String, Object>) compose.get("services");
        var mounts = new LinkedHashMap<String, String>();
        for (var service : List.of("prometheus", "grafana")) {
            for (var volume : (List<String>) ((Map<String, Object>) services.get(service)).get("volumes")) {
                var parts = volume.split(":");
                mounts.put(parts[1], parts[0]);
            }
        }
        String dashboards = JsonPath.read(
                Repository.yaml("config/grafana/provisioning/dashboards/keel.yaml"), "$.providers[0].options.path");

        mounts.values().forEach(local -> assertThat(Repository.path(local)).exists());
        assertThat(mounts).containsEntry(dashboards, "./config/grafana/dashboards");
        assertThat(mounts).containsEntry("/etc/prometheus", "./config/prometheus");
        assertThat(JsonPath.<List<String>>read(services.get("prometheus"), "$.command"))
                .contains("--config.file=/etc/prometheus/prometheus.yml");
    }

    private static List<String> arguments(String instruction) {
        return dockerfile.stream()
                .filter(line -> line[0].equals(instruction))
                .map(line -> line[1])
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> entryPoint() {
        return (List<String>) new Yaml().load(arguments("ENTRYPOINT").getFirst());
    }

    /** Instructions with their continuation lines joined, without comments (Dockerfile reference syntax). */
    private static List<String[]> instructions(String dockerfile) {
        var instructions = new ArrayList<String[]>();
        var current = new StringBuilder();
        for (var line : dockerfile.lines().toList()) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            current.append(line.stripTrailing());
            if (current.toString().endsWith("\\")) {
                current.setLength(current.length() - 1);
                continue;
            }
            var matcher = INSTRUCTION.matcher(current.toString().strip());
            if (matcher.matches()) {
                instructions.add(
                        new String[] {matcher.group(1), matcher.group(2).strip()});
            }
            current.setLength(0);
        }
        return instructions;
    }
}
