package dev.pilothouse.core.delivery;

import java.time.Instant;

/** Background analysis of a canary: runs from {@code startingStep} until the last step is done. */
final class Background {
  private Background() {}

  /** Starts or checks the background run; false when its verdict stops the rollout. */
  static boolean check(
      String rollout, Strategy.Canary canary, Observed observed, Instant now, Draft d) {
    if (canary.background().isEmpty() || d.stepIndex < canary.background().get().startingStep()) {
      return true;
    }
    StepAnalysis.check(
        rollout,
        canary.background().get().analysis(),
        RolloutStatus.Purpose.BACKGROUND,
        "bg",
        observed,
        now,
        d);
    return !d.abort && d.pause.map(p -> !p.reason().equals(StepAnalysis.INCONCLUSIVE)).orElse(true);
  }
}
