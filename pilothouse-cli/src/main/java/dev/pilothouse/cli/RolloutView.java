package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * A readable view of one rollout: phase and message, strategy, every canary step marked done,
 * current or pending, traffic weights, revisions and analysis runs.
 */
final class RolloutView {
  private RolloutView() {}

  static void print(PrintWriter out, JsonNode rollout) {
    JsonNode spec = rollout.path("spec");
    JsonNode status = rollout.path("status");
    out.printf("Name:       %s%n", rollout.path("metadata").path("name").asText());
    out.printf("Namespace:  %s%n", rollout.path("metadata").path("namespace").asText());
    out.printf("Status:     %s%s%n", status.path("phase").asText("Progressing"), message(status));
    out.printf("Images:     %s%n", images(spec));
    out.printf(
        "Revisions:  stable %s, current %s%n",
        status.path("stableRS").asText("-"), status.path("currentPodHash").asText("-"));
    out.printf(
        "Replicas:   desired %d, updated %d, ready %d%n",
        spec.path("replicas").asInt(1),
        status.path("updatedReplicas").asInt(),
        status.path("readyReplicas").asInt());
    if (spec.path("strategy").has("canary")) {
      canary(out, spec.path("strategy").path("canary"), status);
    } else {
      JsonNode bg = spec.path("strategy").path("blueGreen");
      out.printf(
          "Strategy:   BlueGreen (active %s, preview %s)%n",
          bg.path("activeService").asText(), bg.path("previewService").asText("-"));
      out.printf("Active:     %s%n", status.path("blueGreen").path("activeSelector").asText("-"));
    }
    JsonNode runs = status.path("pilothouse").path("analysisRuns");
    if (!runs.isEmpty()) {
      out.println("Analysis:");
      runs.forEach(r ->
          out.printf(
              "  %-40s %-14s %s%n",
              r.path("name").asText(),
              r.path("purpose").asText().toLowerCase(java.util.Locale.ROOT),
              r.path("phase").asText()));
    }
    out.flush();
  }

  private static void canary(PrintWriter out, JsonNode canary, JsonNode status) {
    JsonNode weights = status.path("canary").path("weights");
    int index = status.path("currentStepIndex").asInt(0);
    JsonNode steps = canary.path("steps");
    out.printf("Strategy:   Canary, step %d/%d%n", Math.min(index, steps.size()), steps.size());
    out.printf(
        "Weights:    canary %d%%, stable %d%%%n",
        weights.path("canary").path("weight").asInt(),
        weights.path("stable").path("weight").asInt(100));
    for (int i = 0; i < steps.size(); i++) {
      String mark = i < index ? "done" : i == index ? "=> " : "   ";
      out.printf("  %-4s %d. %s%n", mark, i + 1, describe(steps.get(i)));
    }
  }

  static String describe(JsonNode step) {
    if (step.has("setWeight")) {
      return "setWeight: " + step.path("setWeight").asInt() + "%";
    }
    if (step.has("pause")) {
      String duration = step.path("pause").path("duration").asText("");
      return duration.isEmpty() ? "pause (until promoted)" : "pause " + duration;
    }
    if (step.has("analysis")) {
      return "analysis: "
          + join(step.path("analysis").path("templates").findValues("templateName"));
    }
    return step.fieldNames().hasNext() ? step.fieldNames().next() : "?";
  }

  private static String message(JsonNode status) {
    String message = status.path("message").asText("");
    return message.isEmpty() ? "" : " - " + message;
  }

  private static String images(JsonNode spec) {
    return join(spec.path("template").path("spec").path("containers").findValues("image"));
  }

  private static String join(java.util.List<JsonNode> values) {
    return String.join(", ", values.stream().map(JsonNode::asText).toList());
  }
}
