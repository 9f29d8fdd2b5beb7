package dev.pilothouse.core.delivery;

import java.time.Duration;
import java.time.Instant;

/** Walks a canary's steps from the current index as far as they complete now. */
final class CanarySteps {
  static final String PAUSE_STEP = "CanaryPauseStep";

  private CanarySteps() {}

  static void walk(
      String name,
      RolloutSpec spec,
      Strategy.Canary canary,
      Observed observed,
      Instant now,
      Draft d) {
    while (!spec.paused() && !d.abort && d.stepIndex < canary.steps().size()) {
      if (d.pause.isPresent() && !d.pause.get().reason().equals(PAUSE_STEP)) {
        break; // e.g. an inconclusive analysis: only a promote or retry moves on
      }
      if (d.promoteFull) {
        d.stepIndex = canary.steps().size();
        break;
      }
      if (!Background.check(name, canary, observed, now, d)
          || !advance(name, spec, canary, observed, now, d)) {
        break;
      }
      d.stepIndex++;
      d.progressedAt = java.util.Optional.of(now);
    }
    if (!d.abort && d.stepIndex < canary.steps().size()) {
      applyWeight(spec, canary, d);
    }
  }

  /** Whether the current step is complete (so the walk may move on). */
  private static boolean advance(
      String name,
      RolloutSpec spec,
      Strategy.Canary canary,
      Observed observed,
      Instant now,
      Draft d) {
    return switch (canary.steps().get(d.stepIndex)) {
      case CanaryStep.SetWeight w -> setWeight(spec, canary, w.weight(), observed, d);
      case CanaryStep.Pause p -> pause(p, now, d);
      case CanaryStep.Analysis a ->
          StepAnalysis.check(
              name, a.analysis(), RolloutStatus.Purpose.STEP, "" + d.stepIndex, observed, now, d);
      case CanaryStep.SetCanaryScale s -> {
        d.canaryScale =
            s.matchTrafficWeight() ? java.util.Optional.empty() : java.util.Optional.of(s);
        yield true;
      }
      case CanaryStep.Unsupported u -> {
        d.message =
            "step " + d.stepIndex + " (" + u.type() + ") is not supported yet and was skipped";
        yield true;
      }
    };
  }

  private static boolean setWeight(
      RolloutSpec spec, Strategy.Canary canary, int weight, Observed observed, Draft d) {
    d.weight = weight;
    int canaryWanted = Replicas.canary(spec, canary, weight, d);
    int stableWanted = Replicas.stable(spec, canary, weight);
    boolean ready =
        observed.ready(d.currentPodHash) >= canaryWanted
            && observed.ready(d.stableHash) >= stableWanted;
    if (!ready) {
      d.requeueWithin(CanaryPlanner.POLL);
    }
    return ready;
  }

  /** A pause step: indefinite ones end by promotion (which moves the index), timed ones by time. */
  private static boolean pause(CanaryStep.Pause step, Instant now, Draft d) {
    d.pauseFor(PAUSE_STEP, now);
    if (step.duration().isEmpty()) {
      return false;
    }
    Instant ends = d.pause.get().start().plus(step.duration().get());
    if (now.isBefore(ends)) {
      d.requeueWithin(Duration.between(now, ends));
      return false;
    }
    d.pause = java.util.Optional.empty();
    d.controllerPause = false;
    return true;
  }

  private static void applyWeight(RolloutSpec spec, Strategy.Canary canary, Draft d) {
    d.act(new Action.ScaleReplicaSet(d.currentPodHash, Replicas.canary(spec, canary, d.weight, d)));
    d.act(new Action.ScaleReplicaSet(d.stableHash, Replicas.stable(spec, canary, d.weight)));
    Stable.select(d, d.currentPodHash, canary.canaryService());
    Stable.select(d, d.stableHash, canary.stableService());
    d.act(new Action.RouteTraffic(d.currentPodHash, d.stableHash, d.weight));
  }
}
