package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.FieldReader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns analysis templates (AnalysisTemplate and ClusterAnalysisTemplate specs) plus the caller's
 * arguments into an AnalysisRun spec, as Argo does when a rollout starts an analysis: template
 * arguments take the caller's value or their default, metrics, dryRun and measurementRetention are
 * concatenated, and every {@code {{args.NAME}}} in the metrics is substituted. Arguments with only
 * a {@code valueFrom} stay as placeholders and are listed in the run's args for later resolution.
 */
public final class TemplateResolver {
  private final AnalysisSpecParser parser;

  /** A resolver that validates the resulting run spec with {@code parser}. */
  public TemplateResolver(AnalysisSpecParser parser) {
    this.parser = parser;
  }

  /**
   * The AnalysisRun spec for these template specs and arguments.
   *
   * @throws ValidationException for a missing argument, duplicate metric or any bad field
   */
  public ObjectNode resolve(List<JsonNode> templateSpecs, List<AnalysisArg> args) {
    Map<String, AnalysisArg> merged = mergeArgs(templateSpecs, args);
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> deferred = new HashSet<>();
    merged
        .values()
        .forEach(a -> {
          if (a.hasValue()) {
            values.put(a.name(), a.value());
          } else if (a.valueFrom() != null) {
            deferred.add(a.name());
          }
        });
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.set("args", argsNode(merged));
    for (String field : List.of("metrics", "dryRun", "measurementRetention")) {
      ArrayNode all = run.putArray(field);
      templateSpecs.forEach(t -> t.path(field).forEach(all::add));
    }
    run.set("metrics", ArgSubstitution.apply(run.get("metrics"), values, deferred));
    parser.parse(run);
    return run;
  }

  private static Map<String, AnalysisArg> mergeArgs(
      List<JsonNode> templateSpecs, List<AnalysisArg> given) {
    Map<String, AnalysisArg> merged = new LinkedHashMap<>();
    FieldReader f = new FieldReader(true);
    for (JsonNode spec : templateSpecs) {
      for (AnalysisArg a : ArgsParser.parse(f, spec.path("args"), "spec.args")) {
        merged.merge(a.name(), a, (old, next) -> old.hasValue() ? old : next);
      }
    }
    f.throwIfErrors();
    for (AnalysisArg a : given) {
      if (merged.containsKey(a.name())) {
        merged.put(a.name(), a); // the caller's value wins over the template's default
      }
    }
    return merged;
  }

  private static ArrayNode argsNode(Map<String, AnalysisArg> args) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    args.values()
        .forEach(a -> {
          ObjectNode arg = out.addObject().put("name", a.name());
          if (a.hasValue()) {
            arg.put("value", a.value());
          } else if (a.valueFrom() != null) {
            arg.set("valueFrom", a.valueFrom());
          }
        });
    return out;
  }
}
