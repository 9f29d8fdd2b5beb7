package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.FieldReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads one metric of an analysis spec, with Argo's defaults. */
final class MetricParser {
  private final FieldReader f;
  private final ConditionEvaluator conditions;

  MetricParser(FieldReader f, ConditionEvaluator conditions) {
    this.f = f;
    this.conditions = conditions;
  }

  MetricSpec parse(JsonNode m, String path) {
    String name = f.text(m.path("name"), path + ".name", true);
    Optional<Duration> interval = f.duration(m.path("interval"), path + ".interval");
    Duration delay =
        f.duration(m.path("initialDelay"), path + ".initialDelay").orElse(Duration.ZERO);
    Optional<Integer> count = f.integer(m.path("count"), path + ".count", 0);
    if (count.orElse(0) > 1
        && interval.isEmpty()
        && !FieldReader.isPlaceholder(m.path("interval"))) {
      f.error(path + ".count", "count > 1 needs an interval");
    }
    return new MetricSpec(
        name,
        interval,
        delay,
        count,
        condition(m.path("successCondition"), path + ".successCondition"),
        condition(m.path("failureCondition"), path + ".failureCondition"),
        f.integer(m.path("failureLimit"), path + ".failureLimit", -1).orElse(0),
        f.integer(m.path("inconclusiveLimit"), path + ".inconclusiveLimit", 0).orElse(0),
        f.integer(m.path("consecutiveErrorLimit"), path + ".consecutiveErrorLimit", 0)
            .orElse(MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT),
        f.integer(m.path("consecutiveSuccessLimit"), path + ".consecutiveSuccessLimit", 0)
            .orElse(0),
        provider(m.path("provider"), path + ".provider"),
        m);
  }

  private String condition(JsonNode node, String path) {
    String text = f.text(node, path, false);
    if (!text.isBlank() && !text.contains("{{")) {
      conditions.check(text).ifPresent(problem -> f.error(path, problem));
    }
    return text;
  }

  private MetricProvider provider(JsonNode node, String path) {
    if (!node.isObject() || node.size() != 1) {
      f.error(path, "must name exactly one provider (e.g. prometheus, web)");
      return new MetricProvider("", node);
    }
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    if (!only.getValue().isObject()) {
      f.error(path + "." + only.getKey(), "must be an object");
    }
    return new MetricProvider(only.getKey(), only.getValue());
  }
}
