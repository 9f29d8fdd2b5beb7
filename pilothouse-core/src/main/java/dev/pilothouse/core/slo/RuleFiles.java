package dev.pilothouse.core.slo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import java.util.List;
import java.util.Map;

/** Writes rule groups as a Prometheus rule file or as a prometheus-operator PrometheusRule. */
public final class RuleFiles {
  // Long PromQL stays on one line (the shared writer folds it with backslash continuations, valid
  // but hard to read and to diff).
  private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
      new com.fasterxml.jackson.databind.ObjectMapper(
          com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder()
              .disable(
                  com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                      .WRITE_DOC_START_MARKER)
              .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.SPLIT_LINES)
              .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private RuleFiles() {}

  /** YAML for rule files and PrometheusRules: no folded lines, minimal quoting. */
  public static String yaml(com.fasterxml.jackson.databind.JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  /** {@code {groups: [...]}}, the body of a rule file and of a PrometheusRule's spec. */
  public static ObjectNode ruleFile(List<RuleGroup> groups) {
    ObjectNode file = Json.object();
    ArrayNode out = file.putArray("groups");
    for (RuleGroup group : groups) {
      ObjectNode g = out.addObject().put("name", group.name());
      ArrayNode rules = g.putArray("rules");
      group.rules().forEach(r -> rules.add(rule(r)));
    }
    return file;
  }

  /** The rule file as YAML, ready for {@code promtool check rules}. */
  public static String ruleFileYaml(List<RuleGroup> groups) {
    return yaml(ruleFile(groups));
  }

  /** A {@code monitoring.coreos.com/v1} PrometheusRule holding the groups. */
  public static ObjectNode prometheusRule(
      String name, String namespace, Map<String, String> labels, List<RuleGroup> groups) {
    ObjectNode cr = Json.object();
    cr.put("apiVersion", "monitoring.coreos.com/v1").put("kind", "PrometheusRule");
    ObjectNode meta = cr.putObject("metadata").put("name", name);
    if (!namespace.isEmpty()) {
      meta.put("namespace", namespace);
    }
    if (!labels.isEmpty()) {
      labels.forEach(meta.putObject("labels")::put);
    }
    cr.set("spec", ruleFile(groups));
    return cr;
  }

  private static ObjectNode rule(PromRule rule) {
    ObjectNode node = Json.object();
    switch (rule) {
      case PromRule.Recording r -> {
        node.put("record", r.record()).put("expr", r.expr());
        r.labels().forEach(node.putObject("labels")::put);
      }
      case PromRule.Alerting a -> {
        node.put("alert", a.alert()).put("expr", a.expr());
        a.labels().forEach(node.putObject("labels")::put);
        a.annotations().forEach(node.putObject("annotations")::put);
      }
    }
    return node;
  }
}
