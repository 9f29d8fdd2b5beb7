package dev.pilothouse.core.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the user actions do to a rollout's status (as {@code kubectl argo rollouts} does): the
 * controller then plans from the changed status. Pure functions.
 */
public final class RolloutActions {
  private RolloutActions() {}

  /**
   * Promote: a paused canary moves past its current step (a pause or an inconclusive analysis); a
   * paused blue/green switches; {@code full} skips every remaining step and gate.
   */
  public static RolloutStatus promote(RolloutStatus s, boolean full) {
    boolean pausedOnStep =
        s.pause().map(p -> !p.reason().equals(BlueGreenPlanner.PAUSE)).orElse(true);
    int index = full || !pausedOnStep ? s.currentStepIndex() : s.currentStepIndex() + 1;
    return new RolloutStatus(
        s.currentPodHash(),
        s.stableHash(),
        index,
        Optional.empty(),
        s.controllerPause(),
        s.abort(),
        s.abortedAt(),
        full,
        s.canaryScale(),
        s.analysisRuns(),
        s.activeHash(),
        s.canaryWeight(),
        s.phase(),
        "",
        s.progressedAt());
  }

  /** Abort: traffic back to stable at once; the canary is scaled down after the abort delay. */
  public static RolloutStatus abort(RolloutStatus s, String by, Instant now) {
    return new RolloutStatus(
        s.currentPodHash(),
        s.stableHash(),
        s.currentStepIndex(),
        Optional.empty(),
        s.controllerPause(),
        true,
        Optional.of(now),
        false,
        s.canaryScale(),
        s.analysisRuns(),
        s.activeHash(),
        s.canaryWeight(),
        "Degraded",
        "RolloutAborted: aborted by " + by,
        s.progressedAt());
  }

  /** Retry an aborted update: its steps start again from the first, with fresh analysis runs. */
  public static RolloutStatus retry(RolloutStatus s) {
    return new RolloutStatus(
        s.currentPodHash(),
        s.stableHash(),
        0,
        Optional.empty(),
        false,
        false,
        Optional.empty(),
        false,
        Optional.empty(),
        List.of(),
        s.stableHash(),
        0,
        "Progressing",
        "",
        Optional.empty());
  }
}
