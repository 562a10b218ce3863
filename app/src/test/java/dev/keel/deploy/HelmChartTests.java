package dev.keel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import com.marcnuri.helm.Helm;
import dev.keel.KeelApplication;
import dev.keel.LocalHttp;
import dev.keel.ProductionApplicationTest;
import dev.keel.ops.OpsCommandLine;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart proved without a cluster: a real Helm (helm-java) lints it and renders it with the default
 * and the production values, fabric8 validates every rendered document against the Kubernetes schemas, and
 * what the chart names is checked against the application running in its prod profile: probe paths and
 * ports, environment variables, security settings, selectors.
 */
@ProductionApplicationTest
class HelmChartTests {

    /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion): native pre-stop sleep. */
    static final String KUBE_VERSION = "1.30.0";

    static final String CHART = "k8s/keel";

    /** Properties that environment variables name but only other branches bring (the lead empties this). */

    /** The name hook annotations get in {@link #chartWithVisibleHooks()}. */
    static final String HOOK = "rendered-for-tests/hook";

    /**
     * Kubernetes' IntOrString fields, which the validator's schemas type as strings only; Kubernetes takes
     * integers there (and needs them for counts such as maxSurge: 1).
     */
    static final Set<String> INT_OR_STRING = Set.of("maxSurge", "maxUnavailable", "minAvailable", "targetPort", "port");

    static ConfigurationMetadata metadata;

    static @Nullable Path chartCopy;

    @LocalManagementPort
    int managementPort;

    @BeforeAll
    static void loadMetadata() {
        metadata = ConfigurationMetadata.load();
    }

    static Stream<String> valueFiles() {
        return Stream.of("values.yaml", "values-production.yaml");
    }

    static Rendered render(String valuesFile) {
        var template = new Helm(chartWithVisibleHooks())
                .template()
                .withName("keel")
                .withNamespace("keel")
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(Repository.path(CHART + "/" + valuesFile))
                // helm template cannot look up the Secret a cluster already holds; an operator's key stands in.
                .set("secrets.jwtSecret", "an-operator-chosen-signing-key-of-48-characters!")
                .set("secrets.webhookSecretKey", "an-operator-chosen-webhook-key-of-48-characters!");
        return new Rendered(Repository.documents(template.call()));
    }

    /**
     * helm-java renders a release's manifest without its hooks (the Secret and the migration Job). A copy of
     * the chart whose hook annotations carry another name renders them as plain resources, with the hook
     * settings still visible under {@link #HOOK}.
     */
    static synchronized Path chartWithVisibleHooks() {
        if (chartCopy == null) {
            try {
                var copy = Files.createTempDirectory("keel-chart");
                var source = Repository.path(CHART);
                try (var files = Files.walk(source)) {
                    for (var file : files.filter(Files::isRegularFile).toList()) {
                        var target = copy.resolve(source.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.writeString(target, Files.readString(file).replace("helm.sh/hook", HOOK));
                    }
                }
                chartCopy = copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chartCopy;
    }

    @Test
    void refusesAShortSigningKey() {
        var template = new Helm(Repository.path(CHART))
                .template()
                .withKubeVersion(KUBE_VERSION)
                .set("secrets.jwtSecret", "too-short");

        assertThatThrownBy(template::call).hasMessageContaining("secrets.jwtSecret must have at least 32 characters");
    }

    @Test
    void passesHelmLint() {
        var lint = new Helm(Repository.path(CHART)).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void rendersOnlyDocumentsValidAgainstTheKubernetesSchemas(String valuesFile) throws Exception {
        var rendered = render(valuesFile);
        var validator = Validator.newInstance();
        var errors = new ArrayList<String>();

        for (var document : rendered.documents()) {
            if (String.valueOf(document.get("apiVersion")).startsWith("monitoring.coreos.com/")) {
                continue; // Prometheus Operator resources: checked in servesWhatTheMonitoringResourcesName
            }
            var report = validator.validate(new Yaml().dump(document));
            report.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationMessage.Level.ERROR)
                    .filter(message -> !integerForIntOrString(message.getMessage()))
                    .forEach(message -> errors.add(rendered.nameOf(document) + ": " + message.getMessage()));
        }

        assertThat(errors).isEmpty();
        assertThat(rendered.kinds())
                .contains(
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "ServiceAccount",
                        "Job");
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void probesPathsAndPortsTheApplicationServes(String valuesFile) throws Exception {
        var deployment = render(valuesFile).one("Deployment");
        var production = Repository.applicationProperties("application-prod.yaml");
        var defaults = Repository.applicationProperties("application.yaml");
        var ports = Map.<String, Integer>of(
                "http",
                        Integer.parseInt(
                                production.getProperty("server.port", defaults.getProperty("server.port", "8080"))),
                "management", Integer.parseInt(production.getProperty("management.server.port")));

        List<Map<String, Object>> containerPorts =
                JsonPath.read(deployment, "$.spec.template.spec.containers[0].ports");
        for (var port : containerPorts) {
            assertThat(port.get("containerPort"))
                    .as("port %s", port.get("name"))
                    .isEqualTo(ports.get(port.get("name")));
        }
        for (var probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet =
                    JsonPath.read(deployment, "$.spec.template.spec.containers[0]." + probe + ".httpGet");
            assertThat(httpGet.get("port")).as(probe).isEqualTo("management");
            assertThat(get(managementPort, (String) httpGet.get("path")).statusCode())
                    .as(probe + " " + httpGet.get("path"))
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void namesOnlyEnvironmentVariablesThatBindToProperties(String valuesFile) {
        var rendered = render(valuesFile);
        var variables = new HashSet<String>();
        for (var configMap : rendered.all("ConfigMap")) {
            variables.addAll(((Map<String, Object>) configMap.get("data")).keySet());
        }
        for (var secret : rendered.all("Secret")) {
            variables.addAll(((Map<String, Object>) secret.get("stringData")).keySet());
        }
        for (var workload : rendered.workloads()) {
            List<String> names = JsonPath.read(workload, "$.spec.template.spec.containers[*].env[*].name");
            variables.addAll(names);
        }

        assertThat(variables).contains("SPRING_PROFILES_ACTIVE", "SPRING_DATASOURCE_URL", "SPRING_LIQUIBASE_ENABLED");
        assertThat(variables)
                .filteredOn(variable -> !metadata.binds(variable))
                .as("environment variables that bind to no property")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void limitsResourcesAndRunsEveryContainerRestricted(String valuesFile) {
        for (var workload : render(valuesFile).workloads()) {
            Map<String, Object> pod = JsonPath.read(workload, "$.spec.template.spec");
            assertThat(JsonPath.<Boolean>read(pod, "$.securityContext.runAsNonRoot"))
                    .isTrue();
            assertThat(JsonPath.<Integer>read(pod, "$.securityContext.runAsUser"))
                    .isPositive();
            assertThat(JsonPath.<String>read(pod, "$.securityContext.seccompProfile.type"))
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
            List<Map<String, Object>> containers = JsonPath.read(pod, "$.containers");
            for (var container : containers) {
                assertThat(JsonPath.<String>read(container, "$.resources.limits.memory"))
                        .isNotBlank();
                assertThat(JsonPath.<Object>read(container, "$.resources.limits.cpu"))
                        .isNotNull();
                assertThat(JsonPath.<String>read(container, "$.resources.requests.memory"))
                        .isNotBlank();
                assertThat(JsonPath.<Boolean>read(container, "$.securityContext.allowPrivilegeEscalation"))
                        .isFalse();
                assertThat(JsonPath.<Boolean>read(container, "$.securityContext.readOnlyRootFilesystem"))
                        .isTrue();
                assertThat(JsonPath.<List<String>>read(container, "$.securityContext.capabilities.drop"))
                        .contains("ALL");
                assertThat(container.get("securityContext").toString()).doesNotContain("privileged=true");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void selectsThePodsItLabels(String valuesFile) {
        var rendered = render(valuesFile);
        var deployment = rendered.one("Deployment");
        Map<String, Object> podLabels = JsonPath.read(deployment, "$.spec.template.metadata.labels");
        var name = JsonPath.<String>read(deployment, "$.metadata.name");

        var selectors = new ArrayList<Map<String, Object>>();
        selectors.add(JsonPath.read(deployment, "$.spec.selector.matchLabels"));
        selectors.add(JsonPath.read(rendered.one("Service"), "$.spec.selector"));
        selectors.add(JsonPath.read(rendered.one("PodDisruptionBudget"), "$.spec.selector.matchLabels"));
        selectors.add(JsonPath.read(rendered.one("NetworkPolicy"), "$.spec.podSelector.matchLabels"));
        selectors.addAll(JsonPath.read(
                deployment, "$.spec.template.spec.topologySpreadConstraints[*].labelSelector.matchLabels"));
        selectors.addAll(
                JsonPath.read(deployment, "$.spec.template.spec.affinity.podAntiAffinity..labelSelector.matchLabels"));
        assertThat(selectors).hasSizeGreaterThanOrEqualTo(6);
        for (var selector : selectors) {
            assertThat(podLabels).containsAllEntriesOf(selector);
        }

        assertThat(JsonPath.<String>read(rendered.one("HorizontalPodAutoscaler"), "$.spec.scaleTargetRef.name"))
                .isEqualTo(name);
        Map<String, Object> migrationLabels = JsonPath.read(rendered.one("Job"), "$.spec.template.metadata.labels");
        assertThat(migrationLabels)
                .as("migration pods never receive traffic")
                .doesNotContainEntry("app.kubernetes.io/name", podLabels.get("app.kubernetes.io/name"));

        List<String> containerPorts = JsonPath.read(deployment, "$.spec.template.spec.containers[0].ports[*].name");
        assertThat(JsonPath.<List<String>>read(rendered.one("Service"), "$.spec.ports[*].targetPort"))
                .isSubsetOf(containerPorts);
        assertThat(JsonPath.<List<Object>>read(rendered.one("NetworkPolicy"), "$.spec.ingress[*].ports[*].port"))
                .isSubsetOf(List.copyOf(containerPorts));
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void migratesOncePerReleaseBeforeThePodsStart(String valuesFile) {
        var rendered = render(valuesFile);
        var job = rendered.one("Job");
        Map<String, String> annotations = JsonPath.read(job, "$.metadata.annotations");
        List<String> args = JsonPath.read(job, "$.spec.template.spec.containers[0].args");

        assertThat(annotations.get(HOOK)).isEqualTo("pre-install,pre-upgrade");
        for (var secret : rendered.all("Secret")) {
            assertThat(Integer.parseInt(JsonPath.read(secret, "$.metadata.annotations['" + HOOK + "-weight']")))
                    .as("the Secret exists before the Job that reads it")
                    .isLessThan(Integer.parseInt(annotations.get(HOOK + "-weight")));
        }
        assertThat(OpsCommandLine.isCommand(args.toArray(String[]::new))).isTrue();
        assertThat(runsWithHelp(args)).as("%s is an ops command", args).isZero();
        assertThat(JsonPath.<Map<String, Object>>read(rendered.one("ConfigMap"), "$.data"))
                .containsEntry("SPRING_LIQUIBASE_ENABLED", "false")
                .containsEntry("SPRING_PROFILES_ACTIVE", "prod");
    }

    @Test
    void keepsSecretsOutOfTheProductionValues() {
        var rendered = render("values-production.yaml");
        var deployment = rendered.one("Deployment");

        assertThat(rendered.all("Secret")).isEmpty();
        assertThat(JsonPath.<List<String>>read(
                        deployment, "$.spec.template.spec.containers[0].envFrom[*].secretRef.name"))
                .containsExactly("keel-production");
        assertThat(rendered.kinds()).contains("Ingress", "ServiceMonitor", "PrometheusRule");
    }

    @Test
    void runsAFleetByDefaultAndThreeReplicasInTheProductionExample() {
        for (var values : List.of("values.yaml", "values-production.yaml")) {
            var rendered = render(values);
            int minReplicas = JsonPath.read(rendered.one("HorizontalPodAutoscaler"), "$.spec.minReplicas");
            int minAvailable = JsonPath.read(rendered.one("PodDisruptionBudget"), "$.spec.minAvailable");

            assertThat(minReplicas).isGreaterThanOrEqualTo(values.equals("values.yaml") ? 2 : 3);
            assertThat(minAvailable).isPositive().isLessThan(minReplicas);
            assertThat(JsonPath.<List<Object>>read(
                            rendered.one("Deployment"), "$.spec.template.spec.topologySpreadConstraints"))
                    .isNotEmpty();
        }
    }

    @Test
    void publishesEventsToABrokerOnlyWhereOneIsConfigured() {
        var none = JsonPath.<Map<String, Object>>read(render("values.yaml").one("ConfigMap"), "$.data");
        var production = JsonPath.<Map<String, Object>>read(
                render("values-production.yaml").one("ConfigMap"), "$.data");

        assertThat(none).doesNotContainKeys("SPRING_RABBITMQ_HOST", "KEEL_BROKER_EXCHANGE");
        assertThat(JsonPath.<Map<String, Object>>read(render("values.yaml").one("Secret"), "$.stringData"))
                .doesNotContainKeys("SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD");
        assertThat(production)
                .containsEntry("SPRING_RABBITMQ_HOST", "rabbitmq.messaging.svc.cluster.local")
                .containsEntry("SPRING_RABBITMQ_VIRTUAL_HOST", "/keel")
                .containsEntry("KEEL_BROKER_EXCHANGE", "keel.events");
    }

    @Test
    void exportsTracesOnlyWhereACollectorIsConfigured() {
        var none = JsonPath.<Map<String, Object>>read(render("values.yaml").one("ConfigMap"), "$.data");
        var production = JsonPath.<Map<String, Object>>read(
                render("values-production.yaml").one("ConfigMap"), "$.data");

        assertThat(none)
                .doesNotContainKeys(
                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                        "MANAGEMENT_TRACING_SAMPLING_PROBABILITY");
        assertThat(production)
                .containsEntry(
                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                        "http://otel-collector.observability.svc.cluster.local:4318/v1/traces")
                .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.1");
    }

    @Test
    void trustsForwardedHeadersOnlyFromTheConfiguredProxies() {
        var proxies = "$.data.SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES";

        assertThat(JsonPath.<String>read(render("values.yaml").one("ConfigMap"), proxies))
                .isEqualTo("^$");
        assertThat(JsonPath.<String>read(render("values-production.yaml").one("ConfigMap"), proxies))
                .isEqualTo("10.42.0.0/16");
    }

    @Test
    void drainsConnectionsBeforeTheGracePeriodEnds() {
        var deployment = render("values.yaml").one("Deployment");
        int grace = JsonPath.read(deployment, "$.spec.template.spec.terminationGracePeriodSeconds");
        int preStop = JsonPath.read(deployment, "$.spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds");
        var shutdownPhase = JsonPath.<String>read(
                render("values.yaml").one("ConfigMap"), "$.data.SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");

        assertThat(Repository.applicationProperties("application.yaml").getProperty("server.shutdown"))
                .isEqualTo("graceful");
        assertThat(preStop + Integer.parseInt(shutdownPhase.replace("s", ""))).isLessThan(grace);
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesWhatTheMonitoringResourcesName() throws Exception {
        var rendered = render("values-production.yaml");
        var monitor = rendered.one("ServiceMonitor");
        List<String> servicePorts = JsonPath.read(rendered.one("Service"), "$.spec.ports[*].name");
        var rule = rendered.one("PrometheusRule");

        assertThat(JsonPath.<String>read(monitor, "$.spec.endpoints[0].port")).isIn(servicePorts);
        var path = JsonPath.<String>read(monitor, "$.spec.endpoints[0].path");
        assertThat(get(managementPort, path).statusCode()).isEqualTo(200);
        assertThat((Map<String, Object>) rule.get("spec"))
                .as("the PrometheusRule carries config/prometheus/keel-rules.yaml")
                .isEqualTo(Repository.yaml("config/prometheus/keel-rules.yaml"));
    }

    private static boolean integerForIntOrString(String message) {
        var field = message.replaceFirst("^\\[Path '[^']*/([^/']+)'].*", "$1");
        return message.contains(
                        "Instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])")
                && INT_OR_STRING.contains(field);
    }

    private static int runsWithHelp(List<String> args) {
        var withHelp = new ArrayList<>(args);
        withHelp.add("--help");
        return OpsCommandLine.run(KeelApplication.class, withHelp.toArray(String[]::new));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return LocalHttp.get(port, path);
    }

    /** The documents Helm rendered. */
    record Rendered(List<Map<String, Object>> documents) {

        List<Map<String, Object>> all(String kind) {
            return documents.stream()
                    .filter(document -> kind.equals(document.get("kind")))
                    .toList();
        }

        Map<String, Object> one(String kind) {
            var matching = all(kind);
            assertThat(matching).as("rendered %s", kind).hasSize(1);
            return matching.getFirst();
        }

        List<Map<String, Object>> workloads() {
            return Stream.concat(all("Deployment").stream(), all("Job").stream())
                    .toList();
        }

        List<Object> kinds() {
            return documents.stream().map(document -> document.get("kind")).toList();
        }

        String nameOf(Map<String, Object> document) {
            return document.get("kind") + " " + JsonPath.read(document, "$.metadata.name");
        }
    }
}
