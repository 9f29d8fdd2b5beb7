package dev.pilothouse.core.slo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** Builds a {@code promtool test rules} file: input series and expected alerts. */
final class PromtoolTestFile {
  private final ObjectNode root = Json.object();
  private final ObjectNode test;

  PromtoolTestFile(String ruleFile) {
    root.putArray("rule_files").add(ruleFile);
    root.put("evaluation_interval", "1m");
    test = root.putArray("tests").addObject().put("interval", "1m");
    test.putArray("input_series");
    test.putArray("alert_rule_test");
  }

  /** A series with one value per minute, {@code value(minute)}, for {@code minutes} minutes. */
  PromtoolTestFile series(String series, int minutes, LongUnaryOperator value) {
    String values =
        LongStream.range(0, minutes)
            .map(value)
            .mapToObj(Long::toString)
            .collect(Collectors.joining(" "));
    ((ArrayNode) test.get("input_series")).addObject().put("series", series).put("values", values);
    return this;
  }

  /** Expects exactly the given severities of the SLO alert {@code alert} at {@code evalTime}. */
  PromtoolTestFile expect(String evalTime, String alert, Slo slo, List<String> severities) {
    ObjectNode check =
        ((ArrayNode) test.get("alert_rule_test"))
            .addObject()
            .put("eval_time", evalTime)
            .put("alertname", alert);
    ArrayNode alerts = check.putArray("exp_alerts");
    for (String severity : severities) {
      ObjectNode a = alerts.addObject();
      ObjectNode labels = a.putObject("exp_labels");
      PromQl.identity(slo).forEach(labels::put);
      labels.put("sloth_severity", severity);
      String who = slo.service() + " " + slo.name();
      a.putObject("exp_annotations")
          .put(
              "title",
              "("
                  + severity.toLowerCase(Locale.ROOT)
                  + ") "
                  + who
                  + " SLO error budget burn rate is too fast.")
          .put("summary", who + " SLO error budget burn rate is over expected.");
    }
    return this;
  }

  /** Expects {@code expr} at {@code evalTime} to give one sample without labels, {@code value}. */
  PromtoolTestFile expectValue(String evalTime, String expr, String value) {
    ArrayNode tests = (ArrayNode) test.withArray("promql_expr_test");
    ObjectNode check = tests.addObject().put("expr", expr).put("eval_time", evalTime);
    check.putArray("exp_samples").addObject().put("labels", "{}").put("value", value);
    return this;
  }

  String yaml() {
    return Yaml.write(root);
  }
}
