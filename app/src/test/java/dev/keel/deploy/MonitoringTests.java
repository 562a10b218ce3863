package dev.keel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.keel.LocalHttp;
import dev.keel.ProductionApplicationTest;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The monitoring assets in config/ against the running application (prod profile): the alert rules pass
 * promtool's checks and unit tests, every metric a rule or dashboard panel uses is exported by the
 * application's /actuator/prometheus, and every alert links to a section of the runbook.
 */
@ProductionApplicationTest
class MonitoringTests {

    /** Series Prometheus makes itself for every target. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    static final String RULES = "config/prometheus/keel-rules.yaml";
    static final String DASHBOARD = "config/grafana/dashboards/keel.json";
    static final String RUNBOOK = "docs/runbook.md";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void exportsEveryMetricTheAlertRulesAndTheDashboardUse() throws Exception {
        var exported = scrapeAfterSomeTraffic();

        assertThat(usedMetrics())
                .filteredOn(name -> !exported.contains(name))
                .filteredOn(name -> !MADE_BY_PROMETHEUS.contains(name))
                .as("metrics used by %s or %s but not exported", RULES, DASHBOARD)
                .isEmpty();
    }

    @Test
    void passesPromtoolChecksAndRuleUnitTests() throws Exception {
        var promtool = findOnPath("promtool");
        if (promtool == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("promtool is required in CI (.ci/run installs Debian's prometheus package)");
            }
            Assumptions.abort("promtool not installed: the alert rules were not checked (apt-get install prometheus)");
        }
        var folder = Repository.path("config/prometheus").toFile();

        assertThat(run(folder, promtool, "check", "rules", "keel-rules.yaml")).contains("SUCCESS: 9 rules found");
        assertThat(run(folder, promtool, "test", "rules", "keel-rules.test.yaml"))
                .contains("SUCCESS");
        assertThat(run(folder, promtool, "check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void linksEveryAlertToItsSectionOfTheRunbook() {
        var anchors = Repository.read(RUNBOOK)
                .lines()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
        List<Map<String, Object>> rules = JsonPath.read(Repository.yaml(RULES), "$.groups[*].rules[*]");

        assertThat(rules).hasSize(9);
        for (var rule : rules) {
            var runbook = JsonPath.<String>read(rule, "$.annotations.runbook_url");
            assertThat(runbook).as(rule.get("alert").toString()).contains("/" + RUNBOOK + "#");
            assertThat(anchors).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void provisionsADashboardWhosePanelsAllQueryPrometheus() {
        var dashboard = Repository.json(DASHBOARD);
        List<Map<String, Object>> panels = JsonPath.read(dashboard, "$.panels[?(@.type != 'row')]");

        assertThat(panels).hasSizeGreaterThan(15);
        for (var panel : panels) {
            assertThat(JsonPath.<List<String>>read(panel, "$.targets[*].expr"))
                    .as(panel.get("title").toString())
                    .isNotEmpty();
            assertThat(JsonPath.<String>read(panel, "$.datasource.uid")).isEqualTo("${datasource}");
        }
        assertThat(JsonPath.<List<String>>read(dashboard, "$.panels[*].title"))
                .contains("Cache hit ratio", "Event backlog and owed deliveries", "Connections");
    }

    private static Set<String> usedMetrics() {
        var used = new TreeSet<String>();
        List<String> ruleExpressions = JsonPath.read(Repository.yaml(RULES), "$.groups[*].rules[*].expr");
        List<String> panelExpressions = JsonPath.read(Repository.json(DASHBOARD), "$.panels[*].targets[*].expr");
        ruleExpressions.forEach(expression -> used.addAll(PromQl.metricNames(expression)));
        panelExpressions.forEach(expression -> used.addAll(PromQl.metricNames(expression)));
        return used;
    }

    /** The sample names of /actuator/prometheus, at the path Prometheus scrapes (prometheus.yml). */
    private Set<String> scrapeAfterSomeTraffic() throws Exception {
        get(port, "/api/v1/users/me");
        get(port, "/api/v1/plans");
        String path =
                JsonPath.read(Repository.yaml("config/prometheus/prometheus.yml"), "$.scrape_configs[0].metrics_path");
        // Micrometer registers jvm_gc_pause at the first collection it is told of, which a short-lived test JVM
        // with a roomy heap may not have had yet (a running server has); the notification arrives asynchronously.
        ManagementFactory.getMemoryMXBean().gc();
        var exported = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> sampleNames(get(managementPort, path)),
                        names -> names.contains("jvm_gc_pause_seconds_sum"));
        return exported;
    }

    private static Set<String> sampleNames(HttpResponse<String> scrape) {
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return LocalHttp.get(port, path);
    }

    private static String run(File folder, String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command)
                .directory(folder)
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static @org.jspecify.annotations.Nullable String findOnPath(String program) {
        for (var folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            var candidate = new File(folder, program);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}
