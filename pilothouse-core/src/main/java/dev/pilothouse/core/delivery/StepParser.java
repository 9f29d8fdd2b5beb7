package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.FieldReader;
import java.util.Optional;

/** Reads one canary step. */
final class StepParser {
  private StepParser() {}

  static CanaryStep parse(JsonNode step, String at, FieldReader f) {
    if (step.has("setWeight")) {
      return new CanaryStep.SetWeight(
          f.integer(step.path("setWeight"), at + ".setWeight", 0, 100).orElse(0));
    }
    if (step.has("pause")) {
      JsonNode pause = step.path("pause");
      return new CanaryStep.Pause(f.duration(pause.path("duration"), at + ".pause.duration"));
    }
    if (step.has("analysis")) {
      return new CanaryStep.Analysis(
          AnalysisRefParser.parse(step.path("analysis"), at + ".analysis", f));
    }
    if (step.has("setCanaryScale")) {
      return scale(step.path("setCanaryScale"), at + ".setCanaryScale", f);
    }
    for (String known : new String[] {"experiment", "setHeaderRoute", "setMirrorRoute", "plugin"}) {
      if (step.has(known)) {
        return new CanaryStep.Unsupported(known, step.path(known));
      }
    }
    f.error(
        at,
        "unknown step (expected setWeight, pause, analysis, setCanaryScale, experiment, setHeaderRoute, setMirrorRoute or plugin)");
    return new CanaryStep.Unsupported("unknown", step);
  }

  private static CanaryStep scale(JsonNode s, String at, FieldReader f) {
    Optional<Integer> replicas = f.integer(s.path("replicas"), at + ".replicas", 0, 100_000);
    Optional<Integer> weight = f.integer(s.path("weight"), at + ".weight", 0, 100);
    boolean match = f.bool(s.path("matchTrafficWeight"), at + ".matchTrafficWeight", false);
    int set = (replicas.isPresent() ? 1 : 0) + (weight.isPresent() ? 1 : 0) + (match ? 1 : 0);
    if (set != 1) {
      f.error(at, "exactly one of replicas, weight or matchTrafficWeight is required");
    }
    return new CanaryStep.SetCanaryScale(replicas, weight, match);
  }
}
