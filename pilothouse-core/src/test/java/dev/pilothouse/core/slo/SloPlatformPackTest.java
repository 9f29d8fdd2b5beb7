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
          "pilothouse_watches_open");

  private static final Pattern METRIC = Pattern.compile("\\bpilothouse_[a-z_]+");

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
  void dashboardsParseAndQueryOnlyMetricsPilothouseExposes() throws IOException {
    for (Path file : files("dashboards", ".json")) {
      JsonNode dashboard = Json.parse(Files.readAllBytes(file));
      List<String> exprs = new ArrayList<>();
      dashboard
          .path("panels")
          .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));

      assertThat(dashboard.path("title").asText()).as(file.toString()).isNotEmpty();
      assertThat(exprs)
          .as(file.toString())
          .isNotEmpty()
          .allSatisfy(e -> assertThat(metrics(e)).isNotEmpty());
      assertThat(metrics(String.join("\n", exprs)))
          .allSatisfy(m -> assertThat(EXPOSED).contains(m));
    }
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
