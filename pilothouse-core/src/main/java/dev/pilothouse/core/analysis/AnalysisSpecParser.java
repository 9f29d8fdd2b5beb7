package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.FieldReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code spec} of an AnalysisTemplate, ClusterAnalysisTemplate or AnalysisRun as Argo
 * writes it, applies Argo's defaults and reports every bad field at once, e.g. {@code
 * spec.metrics[1].count: count > 1 needs an interval}. Fields still holding {@code {{args.…}}}
 * placeholders are checked once substituted.
 */
public final class AnalysisSpecParser {
  private final ConditionEvaluator conditions;

  /** A parser that also checks that conditions compile with {@code conditions}. */
  public AnalysisSpecParser(ConditionEvaluator conditions) {
    this.conditions = conditions;
  }

  /**
   * The parsed spec.
   *
   * @throws ValidationException naming every bad field
   */
  public AnalysisSpec parse(JsonNode spec) {
    FieldReader f = new FieldReader(true);
    List<AnalysisArg> args = ArgsParser.parse(f, spec.path("args"), "spec.args");
    List<MetricSpec> metrics = metrics(f, spec.path("metrics"));
    List<Pattern> dryRun = dryRun(f, spec.path("dryRun"));
    List<MeasurementRetention> retention = retention(f, spec.path("measurementRetention"));
    boolean terminate = f.bool(spec.path("terminate"), "spec.terminate");
    f.throwIfErrors();
    return new AnalysisSpec(args, metrics, dryRun, retention, terminate, spec);
  }

  private List<MetricSpec> metrics(FieldReader f, JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      f.error("spec.metrics", "at least one metric is required");
      return List.of();
    }
    MetricParser parser = new MetricParser(f, conditions);
    List<MetricSpec> metrics = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "spec.metrics[" + i + "]";
      MetricSpec metric = parser.parse(node.get(i), path);
      if (!metric.name().isEmpty() && !names.add(metric.name())) {
        f.error(path + ".name", "duplicate metric name '" + metric.name() + "'");
      }
      metrics.add(metric);
    }
    return metrics;
  }

  private static List<Pattern> dryRun(FieldReader f, JsonNode node) {
    List<Pattern> patterns = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "spec.dryRun[" + i + "].metricName";
      patterns.add(regex(f, node.get(i).path("metricName"), path));
    }
    return patterns;
  }

  private static List<MeasurementRetention> retention(FieldReader f, JsonNode node) {
    List<MeasurementRetention> rules = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "spec.measurementRetention[" + i + "]";
      Pattern name = regex(f, node.get(i).path("metricName"), path + ".metricName");
      int limit = f.integer(node.get(i).path("limit"), path + ".limit", 1).orElse(1);
      rules.add(new MeasurementRetention(name, limit));
    }
    return rules;
  }

  private static Pattern regex(FieldReader f, JsonNode node, String path) {
    String text = f.text(node, path, true);
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      f.error(path, "'" + text + "' is not a regular expression: " + e.getDescription());
      return Pattern.compile(Pattern.quote(text));
    }
  }
}
