package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The spec of an AnalysisTemplate, ClusterAnalysisTemplate or AnalysisRun (they share Argo's shape;
 * only runs use {@code terminate}).
 *
 * @param args declared arguments (templates) or the values passed (runs)
 * @param metrics the metrics, in order
 * @param dryRun regexes of metric names whose verdict never affects the run
 * @param measurementRetention per-metric measurement history limits
 * @param terminate whether the run was asked to stop
 * @param raw the spec as written, unknown fields included
 */
public record AnalysisSpec(
    List<AnalysisArg> args,
    List<MetricSpec> metrics,
    List<Pattern> dryRun,
    List<MeasurementRetention> measurementRetention,
    boolean terminate,
    JsonNode raw) {

  public AnalysisSpec {
    args = List.copyOf(args);
    metrics = List.copyOf(metrics);
    dryRun = List.copyOf(dryRun);
    measurementRetention = List.copyOf(measurementRetention);
  }

  /** True when the metric's verdict is recorded but never affects the run. */
  public boolean isDryRun(String metricName) {
    return dryRun.stream().anyMatch(p -> p.matcher(metricName).matches());
  }

  /** How many measurements of this metric the status keeps. */
  public int retentionLimit(String metricName) {
    return measurementRetention.stream()
        .filter(r -> r.metricName().matcher(metricName).matches())
        .mapToInt(MeasurementRetention::limit)
        .findFirst()
        .orElse(MeasurementRetention.DEFAULT_LIMIT);
  }
}
