package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.segstream.core.config.ConfigKeys;
import io.segstream.core.config.SegstreamConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The files in deploy/ cannot be run here (no container engine, no cluster), so what can be checked without one is
 * checked: they parse, every metric a dashboard or alert queries exists in a real scrape (deploy/metrics-reference.txt),
 * every SEGSTREAM_* variable is a setting segstream reads, and the invariants scale-out depends on hold (own
 * advertised host and state per streams instance, standby replicas, probes on /health).
 */
class DeployFilesTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Path REFERENCE = DEPLOY.resolve("metrics-reference.txt");

  /** Duplicate keys are legal YAML but always a mistake here (the later one silently wins). */
  private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** SEGSTREAM_* variables that are not settings but are read by the container's launcher or logging config. */
  private static final Map<String, Path> RUNTIME_VARIABLES = Map.of(
      "SEGSTREAM_JAVA_OPTS", DEPLOY.resolve("entrypoint.sh"));
  private static final String LOG_LEVEL_VARIABLE = "SEGSTREAM_LOG_LEVEL";

  /** Series Prometheus makes up itself for every target; they are in no /metrics output. */
  private static final Set<String> PROMETHEUS_SYNTHETIC = Set.of("up");

  // ---------------------------------------------------------------------------------------------- parsing

  @Test
  void everyYamlFileParses() throws IOException {
    final List<Path> files = yamlFiles();
    assertThat(files).as("YAML files under deploy/").isNotEmpty();
    for (final Path f : files) {
      assertThat(documents(f)).as("documents in %s", f).isNotEmpty().doesNotContainNull();
    }
  }

  @Test
  void yamlParserRejectsDuplicateKeys() {
    assertThatThrownBy(() -> YAML.readTree("env:\n  A: 1\n  A: 2\n")).hasMessageContaining("Duplicate field 'A'");
  }

  @Test
  void kubernetesManifestsAreCompleteObjects() throws IOException {
    final List<JsonNode> docs = kubernetesDocuments();
    assertThat(docs).isNotEmpty();
    for (final JsonNode d : docs) {
      final String what = d.path("kind").asText("?") + " " + d.path("metadata").path("name").asText("?");
      assertThat(d.path("apiVersion").asText()).as("apiVersion of %s", what).isNotBlank();
      assertThat(d.path("kind").asText()).as("kind of %s", what).isNotBlank();
      assertThat(d.path("metadata").path("name").asText()).as("metadata.name of %s", what).isNotBlank();
      if (!d.path("kind").asText().equals("Namespace")) {
        assertThat(d.path("metadata").path("namespace").asText()).as("namespace of %s", what).isEqualTo("segstream");
      }
    }
  }

  @Test
  void dashboardIsValidJsonWithWellFormedPanels() throws IOException {
    final JsonNode dash = dashboard();
    assertThat(dash.path("uid").asText()).isNotBlank();
    final String datasourceUid = provisionedDatasourceUid();
    final Set<Integer> ids = new HashSet<>();
    for (final JsonNode p : panels(dash)) {
      assertThat(ids.add(p.path("id").asInt())).as("panel id %s unique", p.path("id")).isTrue();
      assertThat(p.has("gridPos")).as("gridPos of panel '%s'", p.path("title").asText()).isTrue();
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(p.path("targets")).as("targets of panel '%s'", p.path("title").asText()).isNotEmpty();
      for (final JsonNode t : p.path("targets")) {
        assertThat(t.path("expr").asText()).as("expr in panel '%s'", p.path("title").asText()).isNotBlank();
        assertThat(t.path("datasource").path("uid").asText()).as("datasource of panel '%s'", p.path("title").asText())
            .isIn("${datasource}", datasourceUid);
      }
    }
    final JsonNode variable = dash.path("templating").path("list").get(0);
    assertThat(variable.path("name").asText()).isEqualTo("datasource");
    assertThat(variable.path("current").path("value").asText())
        .as("the dashboard's default datasource is the provisioned one").isEqualTo(datasourceUid);
  }

  // ---------------------------------------------------------------------------------------------- metrics

  @Test
  void metricsReferenceIsASortedListOfMetricNames() throws IOException {
    final List<String> names = Files.readAllLines(REFERENCE);
    assertThat(names).as("deploy/metrics-reference.txt; see deploy/README.md to refresh it").hasSizeGreaterThan(50)
        .isSorted().doesNotHaveDuplicates().allMatch(n -> n.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"));
    assertThat(names).as("both segstream's own metrics and the Kafka Streams binder's are captured")
        .contains("segstream_events_total", "segstream_updater_active", "kafka_stream_alive_stream_threads",
            "kafka_stream_task_dropped_records_total");
  }

  @Test
  void alertRulesAndDashboardQueryOnlyMetricsThatExist() throws IOException {
    final Set<String> reference = new HashSet<>(Files.readAllLines(REFERENCE));
    final Map<String, String> expressions = new LinkedHashMap<>();
    alertRules().forEach(r -> expressions.put("alert " + r.path("alert").asText(), r.path("expr").asText()));
    for (final JsonNode p : panels(dashboard())) {
      int i = 0;
      for (final JsonNode t : p.path("targets")) {
        expressions.put("panel '" + p.path("title").asText() + "' #" + i++, t.path("expr").asText());
      }
    }
    assertThat(expressions).hasSizeGreaterThan(30);
    final List<String> problems = new ArrayList<>();
    expressions.forEach((where, expr) -> {
      final Set<String> metrics = PromQl.metricNames(expr);
      if (metrics.isEmpty()) {
        problems.add(where + ": no metric found in " + expr);
      }
      for (final String m : metrics) {
        if (!PromQl.exists(m, reference) && !PROMETHEUS_SYNTHETIC.contains(m)) {
          problems.add(where + ": '" + m + "' is not in metrics-reference.txt");
        }
      }
    });
    assertThat(problems).as("metric names must be exactly those of a real /metrics scrape").isEmpty();
  }

  @Test
  void promQlNameExtractionSkipsFunctionsLabelsAndDurations() {
    assertThat(PromQl.metricNames("""
        sum by (reason) (rate(a_total{x="y", le=~"1|2"}[$__rate_interval]))
          / on () group_left () (sum(rate(b_total[10m])) + sum(c offset 15m)) > 1e-3
          and on (instance) histogram_quantile(0.99, sum by (instance, le) (rate(d_bucket[5m]))) > 0.5
          or absent(up{role="x"} == 1) or (max(e) - on () group_right f)"""))
        .containsExactlyInAnyOrder("a_total", "b_total", "c", "d_bucket", "up", "e", "f");
    assertThat(PromQl.exists("d_bucket", Set.of("d"))).isTrue();
    assertThat(PromQl.exists("d_total", Set.of("d"))).isFalse();
  }

  @Test
  void alertRulesSayHowBadAndWhatToDo() throws IOException {
    final Set<String> names = new HashSet<>();
    final String readme = Files.readString(DEPLOY.resolve("README.md"));
    for (final JsonNode r : alertRules()) {
      final String name = r.path("alert").asText();
      assertThat(name).isNotBlank();
      assertThat(names.add(name)).as("alert %s defined once", name).isTrue();
      assertThat(r.path("labels").path("severity").asText()).as("severity of %s", name)
          .isIn("critical", "warning", "info");
      assertThat(r.path("annotations").path("summary").asText()).as("summary of %s", name).isNotBlank();
      assertThat(r.path("annotations").path("description").asText()).as("description of %s", name).hasSizeGreaterThan(80);
      assertThat(readme).as("deploy/README.md explains %s", name).contains(name);
    }
  }

  // ---------------------------------------------------------------------------------------------- configuration

  @Test
  void everySegstreamVariableIsARealSetting() throws IOException {
    final Map<String, String> variables = new LinkedHashMap<>();
    composeServices().forEach((name, s) -> environment(s).keySet().forEach(v -> variables.put(v, "compose " + name)));
    for (final JsonNode c : kubernetesContainers()) {
      c.path("env").forEach(e -> variables.put(e.path("name").asText(), "k8s container " + c.path("name").asText()));
    }
    final Set<String> known = new HashSet<>();
    ConfigKeys.DEFINITION.names().forEach(k -> known.add(ConfigKeys.envName(k)));
    final Set<String> kafkaKeys = kafkaClientKeys();
    final List<String> problems = new ArrayList<>();
    variables.forEach((v, where) -> {
      if (!v.startsWith("SEGSTREAM_") || known.contains(v)) {
        return;
      }
      if (v.startsWith("SEGSTREAM_KAFKA_")) {
        final String key = v.substring("SEGSTREAM_KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        if (!kafkaKeys.contains(key)) {
          problems.add(where + ": " + v + " would pass '" + key + "', which no Kafka client knows");
        }
        return;
      }
      if (RUNTIME_VARIABLES.containsKey(v) || v.equals(LOG_LEVEL_VARIABLE)) {
        return;
      }
      problems.add(where + ": " + v + " is not a segstream setting (segstream silently ignores it)");
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void runtimeVariablesAreReallyRead() throws IOException {
    for (final Map.Entry<String, Path> e : RUNTIME_VARIABLES.entrySet()) {
      assertThat(Files.readString(e.getValue())).as("%s reads %s", e.getValue(), e.getKey()).contains(e.getKey());
    }
    try (InputStream in = DeployFilesTest.class.getResourceAsStream("/segstream-log4j2.xml")) {
      assertThat(in).as("segstream-log4j2.xml on the class path").isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("env:" + LOG_LEVEL_VARIABLE);
    }
  }

  @Test
  void composeAndKubernetesSettingsAreValid() throws IOException {
    composeServices().forEach((name, s) -> {
      if (isSegstream(s)) {
        SegstreamConfig.load(Optional.empty(), environment(s), Map.of()); // throws on a bad value
      }
    });
    final Map<String, String> properties = kubernetesProperties();
    final SegstreamConfig base = SegstreamConfig.fromMap(properties); // throws on an unknown key or bad value
    assertThat(base.streams().numStandbyReplicas()).as("streams.num-standby-replicas on Kubernetes").isGreaterThanOrEqualTo(1);
    for (final JsonNode c : kubernetesContainers()) {
      final Map<String, String> env = new LinkedHashMap<>();
      c.path("env").forEach(e -> {
        if (e.has("value")) {
          env.put(e.path("name").asText(), e.path("value").asText());
        }
      });
      // Passed as overrides, the file's values would beat the environment; irrelevant here: only validity counts.
      SegstreamConfig.load(Optional.empty(), env, properties);
    }
  }

  // ---------------------------------------------------------------------------------------------- compose

  @Test
  void composeStreamsInstancesDifferOnlyWhereTheyMust() throws IOException {
    final Map<String, JsonNode> streams = servicesRunning("streams");
    assertThat(streams).as("streams app services").hasSizeGreaterThanOrEqualTo(2);
    final Set<String> volumes = new HashSet<>();
    final Set<String> hostPorts = new HashSet<>();
    Map<String, String> common = null;
    for (final Map.Entry<String, JsonNode> e : streams.entrySet()) {
      final Map<String, String> env = environment(e.getValue());
      assertThat(env.get(ConfigKeys.envName(ConfigKeys.HTTP_ADVERTISED_HOST)))
          .as("%s advertises its own service name for REST routing", e.getKey()).isEqualTo(e.getKey());
      final String stateDir = env.getOrDefault(ConfigKeys.envName(ConfigKeys.STATE_DIR), "");
      final List<String> mounts = new ArrayList<>();
      e.getValue().path("volumes").forEach(v -> mounts.add(v.asText()));
      final String stateVolume = mounts.stream().filter(m -> stateDir.startsWith(m.substring(m.indexOf(':') + 1)))
          .findFirst().orElseThrow(() -> new AssertionError(e.getKey() + ": no volume holds state.dir " + stateDir));
      assertThat(volumes.add(stateVolume.substring(0, stateVolume.indexOf(':'))))
          .as("%s has its own state volume", e.getKey()).isTrue();
      e.getValue().path("ports").forEach(p -> assertThat(hostPorts.add(p.asText().split(":")[0]))
          .as("host port of %s", e.getKey()).isTrue());
      assertHealthcheck(e.getKey(), e.getValue());
      final Map<String, String> rest = new LinkedHashMap<>(env);
      rest.remove(ConfigKeys.envName(ConfigKeys.HTTP_ADVERTISED_HOST));
      if (common == null) {
        common = rest;
      } else {
        assertThat(rest).as("settings of %s, apart from the advertised host", e.getKey()).isEqualTo(common);
      }
    }
  }

  @Test
  void composeRunsTwoUpdatersAndAGenerator() throws IOException {
    final Map<String, JsonNode> updaters = servicesRunning("updater");
    assertThat(updaters).as("updater services (one active, one standby)").hasSize(2);
    updaters.forEach(DeployFilesTest::assertHealthcheck);
    final Set<String> applicationIds = new HashSet<>();
    servicesRunning("streams").values().forEach(s -> applicationIds.add(environment(s).get("SEGSTREAM_APPLICATION_ID")));
    updaters.values().forEach(s -> applicationIds.add(environment(s).get("SEGSTREAM_APPLICATION_ID")));
    assertThat(applicationIds).as("one application.id for all services (the updater lock is named after it)").hasSize(1);
    assertThat(servicesRunning("generate")).hasSize(1);
  }

  @Test
  void prometheusScrapesEverySegstreamServiceOnItsPort() throws IOException {
    final Map<String, Integer> expected = new LinkedHashMap<>();
    servicesRunning("streams").forEach((name, s) -> expected.put(name,
        Integer.parseInt(environment(s).getOrDefault("SEGSTREAM_HTTP_PORT", "8080"))));
    servicesRunning("updater").forEach((name, s) -> expected.put(name,
        Integer.parseInt(environment(s).getOrDefault("SEGSTREAM_UPDATER_HTTP_PORT", "8081"))));
    final Map<String, Integer> scraped = new LinkedHashMap<>();
    final JsonNode prometheus = documents(DEPLOY.resolve("prometheus/prometheus.yml")).getFirst();
    for (final JsonNode job : prometheus.path("scrape_configs")) {
      for (final JsonNode sc : job.path("static_configs")) {
        for (final JsonNode t : sc.path("targets")) {
          final String[] hostPort = t.asText().split(":");
          if (!hostPort[0].equals("localhost")) {
            scraped.put(hostPort[0], Integer.parseInt(hostPort[1]));
            assertThat(sc.path("labels").path("segstream_role").asText())
                .as("segstream_role label of %s (the alerts select on it)", t.asText()).isIn("streams", "updater");
          }
        }
      }
    }
    assertThat(scraped).isEqualTo(expected);
    assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
  }

  // ---------------------------------------------------------------------------------------------- kubernetes

  @Test
  void kubernetesStreamsAppHasStableIdentityStateAndProbes() throws IOException {
    final JsonNode sts = kubernetesDocuments().stream().filter(d -> d.path("kind").asText().equals("StatefulSet"))
        .findFirst().orElseThrow();
    final String serviceName = sts.path("spec").path("serviceName").asText();
    final JsonNode headless = kubernetesDocuments().stream()
        .filter(d -> d.path("kind").asText().equals("Service") && d.path("metadata").path("name").asText().equals(serviceName))
        .findFirst().orElseThrow(() -> new AssertionError("no Service named " + serviceName));
    assertThat(headless.path("spec").path("clusterIP").asText()).as("governing Service is headless").isEqualTo("None");
    final JsonNode podLabels = sts.path("spec").path("template").path("metadata").path("labels");
    headless.path("spec").path("selector").properties()
        .forEach(e -> assertThat(podLabels.path(e.getKey()).asText()).as("selector %s", e.getKey()).isEqualTo(e.getValue().asText()));

    final JsonNode container = sts.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("args").get(0).asText()).isEqualTo("streams");
    final String advertised = envValue(container, ConfigKeys.envName(ConfigKeys.HTTP_ADVERTISED_HOST));
    assertThat(advertised).as("advertised host = the pod's DNS name under the headless Service")
        .startsWith("$(POD_NAME)." + serviceName + ".");

    final String stateDir = kubernetesProperties().get(ConfigKeys.STATE_DIR);
    final String claim = sts.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
    assertThat(mountPath(container, claim)).as("state.dir %s is on the PersistentVolumeClaim", stateDir)
        .satisfies(p -> assertThat(stateDir).startsWith(p));
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
    assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
  }

  @Test
  void kubernetesPodsReadTheConfigMapAndAreScrapedOnTheirHttpPort() throws IOException {
    final JsonNode configMap = kubernetesDocuments().stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
        .findFirst().orElseThrow();
    final Map<String, Integer> replicas = new LinkedHashMap<>();
    for (final JsonNode d : kubernetesDocuments()) {
      if (!Set.of("StatefulSet", "Deployment").contains(d.path("kind").asText())) {
        continue;
      }
      final String name = d.path("metadata").path("name").asText();
      final JsonNode pod = d.path("spec").path("template");
      final JsonNode container = pod.path("spec").path("containers").get(0);
      replicas.put(container.path("args").get(0).asText(), d.path("spec").path("replicas").asInt());
      assertThat(pod.path("spec").path("enableServiceLinks").asBoolean(true))
          .as("%s: service links would inject SEGSTREAM_* variables", name).isFalse();
      assertThat(pod.path("metadata").path("labels").path("segstream-role").asText()).as("%s role label", name)
          .isIn("streams", "updater");
      final int httpPort = container.path("ports").get(0).path("containerPort").asInt();
      assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText())
          .as("%s scrape port", name).isEqualTo(Integer.toString(httpPort));
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");

      final List<String> args = new ArrayList<>();
      container.path("args").forEach(a -> args.add(a.asText()));
      final Path configFile = Path.of(args.get(args.indexOf("--config") + 1));
      final JsonNode volume = volumeMountedAt(pod, container, configFile.getParent().toString());
      assertThat(volume.path("configMap").path("name").asText()).isEqualTo(configMap.path("metadata").path("name").asText());
      assertThat(configMap.path("data").has(configFile.getFileName().toString())).as("%s: %s in the ConfigMap", name, configFile)
          .isTrue();
    }
    assertThat(replicas.get("updater")).as("updaters: one active, one standby").isEqualTo(2);
    assertThat(replicas.get("streams")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void everyPodDisruptionBudgetSelectsAWorkload() throws IOException {
    final List<JsonNode> docs = kubernetesDocuments();
    final List<JsonNode> pdbs = docs.stream().filter(d -> d.path("kind").asText().equals("PodDisruptionBudget")).toList();
    assertThat(pdbs).hasSize(2);
    for (final JsonNode pdb : pdbs) {
      final JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
      assertThat(docs.stream().filter(d -> Set.of("StatefulSet", "Deployment").contains(d.path("kind").asText()))
          .anyMatch(w -> w.path("spec").path("selector").path("matchLabels").equals(selector)))
          .as("PodDisruptionBudget %s selects a workload", pdb.path("metadata").path("name").asText()).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------- image

  @Test
  void containerRunsTheLaunchersJvmFlagsAndMainClass() throws IOException {
    final String launcher = Files.readString(Path.of("..", "segstream"));
    final String entrypoint = Files.readString(DEPLOY.resolve("entrypoint.sh"));
    final String javaCommand = launcher.substring(launcher.indexOf("exec \"$JAVA_HOME/bin/java\""));
    final Matcher flag = Pattern.compile("(?<=\\s)(--?[A-Za-z][^\\s\"]*)").matcher(javaCommand);
    final List<String> flags = new ArrayList<>();
    while (flag.find()) {
      flags.add(flag.group(1));
    }
    assertThat(flags).contains("--enable-native-access=ALL-UNNAMED", "-cp");
    assertThat(entrypoint).as("deploy/entrypoint.sh runs java like ./segstream").contains(flags)
        .contains("io.segstream.cli.SegstreamCommand").contains("exec java");
    final String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertThat(dockerfile).contains("FROM eclipse-temurin:25-jdk AS build", "FROM eclipse-temurin:25-jre", "./mvnw",
        "EXPOSE 8080 8081", "VOLUME", "deploy/entrypoint.sh");
    assertThat(Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile).results().map(r -> r.group(1)).toList())
        .as("the runtime image runs as a non-root user").isNotEmpty().noneMatch(u -> u.startsWith("root") || u.startsWith("0"));
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> s = Files.walk(DEPLOY)) {
      return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<JsonNode> documents(final Path file) throws IOException {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      return it.readAll();
    }
  }

  private static List<JsonNode> kubernetesDocuments() throws IOException {
    final List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(DEPLOY.resolve("k8s"))) {
      for (final Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.addAll(documents(f));
      }
    }
    return out;
  }

  private static List<JsonNode> kubernetesContainers() throws IOException {
    final List<JsonNode> out = new ArrayList<>();
    for (final JsonNode d : kubernetesDocuments()) {
      d.path("spec").path("template").path("spec").path("containers").forEach(out::add);
    }
    return out;
  }

  private static Map<String, String> kubernetesProperties() throws IOException {
    final JsonNode configMap = kubernetesDocuments().stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
        .findFirst().orElseThrow();
    final Properties p = new Properties();
    p.load(new StringReader(configMap.path("data").path("segstream.properties").asText()));
    final Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    assertThat(out).isNotEmpty();
    return out;
  }

  private static String envValue(final JsonNode container, final String name) {
    for (final JsonNode e : container.path("env")) {
      if (e.path("name").asText().equals(name)) {
        return e.path("value").asText();
      }
    }
    return fail("container %s sets no %s", container.path("name").asText(), name);
  }

  private static String mountPath(final JsonNode container, final String volume) {
    for (final JsonNode m : container.path("volumeMounts")) {
      if (m.path("name").asText().equals(volume)) {
        return m.path("mountPath").asText();
      }
    }
    return fail("volume %s is not mounted", volume);
  }

  private static JsonNode volumeMountedAt(final JsonNode pod, final JsonNode container, final String path) {
    for (final JsonNode m : container.path("volumeMounts")) {
      if (m.path("mountPath").asText().equals(path)) {
        for (final JsonNode v : pod.path("spec").path("volumes")) {
          if (v.path("name").asText().equals(m.path("name").asText())) {
            return v;
          }
        }
      }
    }
    return fail("nothing mounted at %s", path);
  }

  private static Map<String, JsonNode> composeServices() throws IOException {
    final Map<String, JsonNode> out = new LinkedHashMap<>();
    documents(DEPLOY.resolve("docker-compose.yml")).getFirst().path("services").properties()
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    assertThat(out).isNotEmpty();
    return out;
  }

  private static boolean isSegstream(final JsonNode service) {
    return service.path("image").asText().startsWith("segstream");
  }

  private static Map<String, JsonNode> servicesRunning(final String command) throws IOException {
    final Map<String, JsonNode> out = new LinkedHashMap<>();
    composeServices().forEach((name, s) -> {
      if (isSegstream(s) && s.path("command").path(0).asText().equals(command)) {
        out.put(name, s);
      }
    });
    return out;
  }

  /** Compose accepts the environment as a map or as a list of NAME=value. */
  private static Map<String, String> environment(final JsonNode service) {
    final Map<String, String> env = new LinkedHashMap<>();
    final JsonNode e = service.path("environment");
    if (e.isArray()) {
      e.forEach(item -> {
        final String[] kv = item.asText().split("=", 2);
        env.put(kv[0], kv.length > 1 ? kv[1] : "");
      });
    } else {
      e.properties().forEach(kv -> env.put(kv.getKey(), kv.getValue().asText()));
    }
    return env;
  }

  private static void assertHealthcheck(final String name, final JsonNode service) {
    assertThat(service.path("healthcheck").path("test").toString()).as("healthcheck of %s", name).contains("/health");
  }

  private static JsonNode dashboard() throws IOException {
    try (Stream<Path> s = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
      final List<Path> files = s.filter(p -> p.toString().endsWith(".json")).toList();
      assertThat(files).as("exactly one dashboard").hasSize(1);
      return JSON.readTree(files.getFirst().toFile());
    }
  }

  private static List<JsonNode> panels(final JsonNode dashboard) {
    final List<JsonNode> out = new ArrayList<>();
    for (final JsonNode p : dashboard.path("panels")) {
      out.add(p);
      p.path("panels").forEach(out::add); // panels inside collapsed rows
    }
    return out;
  }

  private static String provisionedDatasourceUid() throws IOException {
    return documents(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml")).getFirst()
        .path("datasources").get(0).path("uid").asText();
  }

  private static List<JsonNode> alertRules() throws IOException {
    final List<JsonNode> rules = new ArrayList<>();
    documents(DEPLOY.resolve("prometheus/alerts.yml")).getFirst().path("groups")
        .forEach(g -> g.path("rules").forEach(rules::add));
    assertThat(rules).isNotEmpty();
    return rules;
  }

  private static Set<String> kafkaClientKeys() {
    final Set<String> keys = new TreeSet<>();
    keys.addAll(ProducerConfig.configNames());
    keys.addAll(ConsumerConfig.configNames());
    keys.addAll(AdminClientConfig.configNames());
    keys.addAll(StreamsConfig.configDef().names());
    return keys;
  }

  /**
   * Just enough PromQL to find the metric names in an expression: no parser exists for Java, and a wrong answer
   * fails loudly (an unknown function or a name missing from the reference), never silently.
   */
  static final class PromQl {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS =
        Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKENS = Pattern.compile("(?<num>[0-9][0-9a-zA-Z_.]*)|(?<id>[a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
        "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Set<String> FUNCTIONS = Set.of(
        // aggregations
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        // functions
        "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
        "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_count",
        "histogram_fraction", "histogram_quantile", "histogram_sum", "holt_winters", "hour", "idelta", "increase",
        "irate", "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate",
        "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sqrt", "time", "timestamp", "vector", "year",
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "quantile_over_time",
        "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time");

    private PromQl() {}

    static Set<String> metricNames(final String expr) {
      String s = STRINGS.matcher(expr).replaceAll(" ");
      s = MATCHERS.matcher(s).replaceAll(" ");
      s = RANGES.matcher(s).replaceAll(" ");
      s = LABEL_LISTS.matcher(s).replaceAll(" ");
      final Set<String> names = new LinkedHashSet<>();
      final Matcher m = TOKENS.matcher(s);
      while (m.find()) {
        final String id = m.group("id");
        if (id == null || KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
          continue;
        }
        if (s.substring(m.end()).stripLeading().startsWith("(")) {
          assertThat(FUNCTIONS).as("PromQL function or aggregation '%s' in: %s", id, expr).contains(id);
          continue;
        }
        names.add(id);
      }
      return names;
    }

    /** A family in a scrape covers its own name and, for histograms and summaries, the _bucket/_count/_sum series. */
    static boolean exists(final String metric, final Set<String> families) {
      if (families.contains(metric)) {
        return true;
      }
      for (final String suffix : List.of("_bucket", "_count", "_sum")) {
        if (metric.endsWith(suffix) && families.contains(metric.substring(0, metric.length() - suffix.length()))) {
          return true;
        }
      }
      return false;
    }
  }
}
