package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One canary step on the rollout page.
 *
 * @param number the 1-based position
 * @param label what the step does, e.g. "setWeight 20%" or "pause until promoted"
 * @param state {@code done}, {@code current} or {@code pending}
 */
public record StepView(int number, String label, String state) {

  /** Whether this is the step the rollout is at. */
  public boolean current() {
    return "current".equals(state);
  }

  /** The steps as written, marked against the status's current step index. */
  static List<StepView> of(JsonNode steps, int currentIndex) {
    List<StepView> views = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String state = i < currentIndex ? "done" : i == currentIndex ? "current" : "pending";
      views.add(new StepView(i + 1, describe(steps.get(i)), state));
    }
    return views;
  }

  /** A step in words; steps Pilothouse does not act on yet are named and flagged. */
  static String describe(JsonNode step) {
    if (step.has("setWeight")) {
      return "setWeight " + step.path("setWeight").asText() + "%";
    }
    if (step.has("pause")) {
      JsonNode duration = step.path("pause").path("duration");
      if (duration.isMissingNode() || duration.isNull()) {
        return "pause until promoted";
      }
      // Argo accepts plain numbers as seconds.
      return "pause " + duration.asText() + (duration.isNumber() ? "s" : "");
    }
    if (step.has("analysis")) {
      List<String> names = new ArrayList<>();
      step.path("analysis")
          .path("templates")
          .forEach(t -> names.add(t.path("templateName").asText()));
      return "analysis: " + String.join(", ", names);
    }
    if (step.has("setCanaryScale")) {
      return "setCanaryScale " + scale(step.path("setCanaryScale"));
    }
    String type = step.fieldNames().hasNext() ? step.fieldNames().next() : "empty step";
    return type + " (not supported yet: skipped)";
  }

  private static String scale(JsonNode s) {
    if (s.has("replicas")) {
      return s.path("replicas").asText() + " replicas";
    }
    if (s.has("weight")) {
      return s.path("weight").asText() + "% of replicas";
    }
    return "matching traffic weight";
  }
}
