package dev.pilothouse.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.ArgSubstitution;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Substitutes a run's own {@code args} into its metrics before each step, as Argo resolves
 * arguments at measurement time (so values never need to be copied into the metrics). Arguments
 * with only a {@code valueFrom} are not resolved here: a metric using one fails validation.
 */
final class RunArgs {
  private RunArgs() {}

  static JsonNode substitute(JsonNode spec) {
    Map<String, String> values = new HashMap<>();
    spec.path("args")
        .forEach(a -> {
          if (a.has("value") && !a.get("value").isNull()) {
            values.put(a.path("name").asText(), a.get("value").asText());
          }
        });
    if (!(spec instanceof ObjectNode object) || !spec.has("metrics")) {
      return spec;
    }
    ObjectNode copy = object.deepCopy();
    Set<String> deferred = new HashSet<>();
    copy.set("metrics", ArgSubstitution.apply(spec.get("metrics"), values, deferred));
    return copy;
  }
}
