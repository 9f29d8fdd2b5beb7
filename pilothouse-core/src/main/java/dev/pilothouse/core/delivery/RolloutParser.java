package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.FieldReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an Argo Rollouts {@code Rollout} document into a {@link RolloutSpec}, applying Argo's
 * defaults (replicas 1, revisionHistoryLimit 10, progressDeadlineSeconds 600, scaleDownDelaySeconds
 * 30, abortScaleDownDelaySeconds 30, autoPromotionEnabled true) and naming every invalid field,
 * e.g. {@code spec.strategy.canary.steps[2].setWeight: must be 0..100}.
 */
public final class RolloutParser {
  private RolloutParser() {}

  /**
   * @throws ValidationException listing every problem
   */
  public static RolloutSpec parse(JsonNode rollout) {
    FieldReader f = new FieldReader(false);
    JsonNode spec = rollout.path("spec");
    Optional<FlagRouting> flag = FlagRouting.config(rollout).map(c -> FlagRouting.parse(c, f));
    int replicas =
        f.integer(spec.path("replicas"), "spec.replicas", 0, 100_000)
            .orElse(flag.isPresent() ? 0 : 1);
    if (flag.isPresent()) {
      flagOnly(spec, replicas, f);
    } else if (spec.path("template").isMissingNode() && spec.path("workloadRef").isMissingNode()) {
      f.error("spec.template", "is required (workloadRef is not supported yet)");
    }
    Strategy strategy = strategy(spec.path("strategy"), f);
    RolloutSpec result =
        new RolloutSpec(
            replicas,
            spec.path("selector"),
            flag.map(r -> r.template(r.canaryVariant())).orElse(spec.path("template")),
            f.integer(spec.path("revisionHistoryLimit"), "spec.revisionHistoryLimit", 0, 1000)
                .orElse(10),
            f.bool(spec.path("paused"), "spec.paused", false),
            Duration.ofSeconds(
                f.integer(
                        spec.path("progressDeadlineSeconds"),
                        "spec.progressDeadlineSeconds",
                        1,
                        Integer.MAX_VALUE)
                    .orElse(600)),
            f.bool(spec.path("progressDeadlineAbort"), "spec.progressDeadlineAbort", false),
            strategy,
            flag.map(r -> r.hash(r.stableVariant())));
    if (!f.errors().isEmpty()) {
      throw new ValidationException(f.errors());
    }
    return result;
  }

  /** A flag rollout moves a flag's split, not pods: a pod template would be ambiguous. */
  private static void flagOnly(JsonNode spec, int replicas, FieldReader f) {
    String why = "must be absent in a flag rollout (trafficRouting plugin " + FlagRouting.PLUGIN;
    if (!spec.path("template").isMissingNode()) {
      f.error("spec.template", why + " runs no pods)");
    }
    if (!spec.path("workloadRef").isMissingNode()) {
      f.error("spec.workloadRef", why + " runs no pods)");
    }
    if (replicas != 0) {
      f.error("spec.replicas", "must be 0 or absent in a flag rollout (it runs no pods)");
    }
  }

  private static Strategy strategy(JsonNode strategy, FieldReader f) {
    boolean canary = strategy.has("canary");
    boolean blueGreen = strategy.has("blueGreen");
    if (canary == blueGreen) {
      f.error("spec.strategy", "exactly one of canary or blueGreen is required");
      return new Strategy.Canary(
          List.of(),
          "",
          "",
          Optional.empty(),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          false);
    }
    return canary
        ? canary(strategy.path("canary"), f)
        : BlueGreenParser.parse(strategy.path("blueGreen"), f);
  }

  private static Strategy.Canary canary(JsonNode c, FieldReader f) {
    String at = "spec.strategy.canary";
    List<CanaryStep> steps = new ArrayList<>();
    JsonNode raw = c.path("steps");
    for (int i = 0; i < raw.size(); i++) {
      steps.add(StepParser.parse(raw.get(i), at + ".steps[" + i + "]", f));
    }
    Optional<Strategy.BackgroundAnalysis> background = Optional.empty();
    if (c.has("analysis")) {
      JsonNode a = c.path("analysis");
      int starting =
          f.integer(
                  a.path("startingStep"),
                  at + ".analysis.startingStep",
                  0,
                  Math.max(steps.size(), 0))
              .orElse(0);
      background =
          Optional.of(
              new Strategy.BackgroundAnalysis(
                  AnalysisRefParser.parse(a, at + ".analysis", f), starting));
    }
    return new Strategy.Canary(
        steps,
        f.text(c.path("canaryService"), at + ".canaryService", false),
        f.text(c.path("stableService"), at + ".stableService", false),
        background,
        delay(c.path("scaleDownDelaySeconds"), at + ".scaleDownDelaySeconds", f),
        delay(c.path("abortScaleDownDelaySeconds"), at + ".abortScaleDownDelaySeconds", f),
        c.has("trafficRouting"));
  }

  static Duration delay(JsonNode node, String path, FieldReader f) {
    return Duration.ofSeconds(f.integer(node, path, 0, Integer.MAX_VALUE).orElse(30));
  }
}
