package dev.pilothouse.core.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped rule pack and dashboards under deploy/prometheus. */
class SloPlatformPackTest {
  private static final Path PACK = Path.of("..", "deploy", "prometheus");

  /** What Pilothouse exposes at /metrics (ServerMetrics); histogram series add suffixes. */
  private static final Set<String> EXPOSED =
      Set.of(
          "pilothouse_http_requests_total",
          "pilothouse_http_request_duration_seconds",
          "pilothouse_db_pool_connections",
          "pilothouse_watches_open",
          "pilothouse_rollouts_degraded",
          "pilothouse_analysis_runs_failed",
          "pilothouse_slo_specs_broken");

  /**
   * Kubernetes metrics the namespace dashboard reads, under their real names: cAdvisor (kubelet
   * {@code /metrics/cadvisor}), kube-state-metrics v2 and the kubelet's volume stats.
   */
  private static final Set<String> KUBERNETES =
      Set.of(
          "container_cpu_usage_seconds_total",
          "container_memory_working_set_bytes",
          "container_network_receive_bytes_total",
          "container_network_transmit_bytes_total",
          "kube_pod_container_resource_requests",
          "kube_pod_container_resource_limits",
          "kube_pod_status_phase",
          "kube_pod_container_status_restarts_total",
          "kube_resourcequota",
          "kube_namespace_created",
          "kubelet_volume_stats_available_bytes",
          "kubelet_volume_stats_capacity_bytes");

  private static final Pattern METRIC = Pattern.compile("\\bpilothouse_[a-z_]+");
  private static final Pattern ANY_METRIC =
      Pattern.compile("\\b(?:pilothouse|container|kube|kubelet)_[a-z_]+");

  static List<Path> files(String dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(PACK.resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void everyShippedRuleFilePassesPromtoolCheckRules() throws IOException {
    List<Path> rules = files("rules", ".yml");

    assertThat(rules).hasSizeGreaterThanOrEqualTo(3);
    Promtool.checkRules(rules.stream().map(Path::toAbsolutePath).toArray(Path[]::new));
  }

  @Test
  void theRulePackUsesOnlyMetricNamesPilothouseExposes() throws IOException {
    String text = Files.readString(PACK.resolve("rules/pilothouse.rules.yml"));

    assertThat(metrics(text)).isNotEmpty().allSatisfy(m -> assertThat(EXPOSED).contains(m));
  }

  @Test
  void dashboardsParseAndQueryOnlyRealMetricNames() throws IOException {
    List<Path> dashboards = files("dashboards", ".json");
    assertThat(dashboards)
        .extracting(p -> p.getFileName().toString())
        .contains("pilothouse.json", "namespace-usage.json");
    for (Path file : dashboards) {
      List<String> exprs = exprs(Json.parse(Files.readAllBytes(file)));

      assertThat(exprs)
          .as(file.toString())
          .isNotEmpty()
          .allSatisfy(e -> assertThat(names(e, ANY_METRIC)).isNotEmpty());
      assertThat(names(String.join("\n", exprs), ANY_METRIC))
          .as(file.toString())
          .allSatisfy(m -> assertThat(m).isIn(union(EXPOSED, KUBERNETES)));
    }
  }

  @Test
  void everyDashboardQueryIsValidPromQlForPromtool() throws IOException {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
    int n = 0;
    for (Path file : files("dashboards", ".json")) {
      for (String expr : exprs(Json.parse(Files.readAllBytes(file)))) {
        // Grafana variables become plain values, as Grafana substitutes them before querying.
        String promql = expr.replace("$namespace", "default").replace("$__rate_interval", "5m");
        rules
            .append("      - record: dashboard:query")
            .append(n++)
            .append("\n        expr: ")
            .append(Json.MAPPER.writeValueAsString(promql))
            .append('\n');
      }
    }
    Path file = Promtool.workDir("dashboards").resolve("dashboard-queries.yml");
    Files.writeString(file, rules);

    Promtool.checkRules(file);
  }

  private static List<String> exprs(JsonNode dashboard) {
    assertThat(dashboard.path("title").asText()).isNotEmpty();
    List<String> exprs = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    return exprs;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return out;
  }

  private static List<String> names(String text, Pattern pattern) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group().replaceFirst("_(bucket|sum|count)$", ""));
    }
    return out;
  }

  static List<String> metrics(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      out.add(m.group().replaceFirst("_(bucket|sum|count)$", ""));
    }
    return out;
  }
}
