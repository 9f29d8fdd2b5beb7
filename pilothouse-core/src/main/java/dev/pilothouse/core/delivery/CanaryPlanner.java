package dev.pilothouse.core.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * Plans one reconcile of a canary rollout: {@code plan(name, spec, status, observed, now)}. Pure:
 * the same inputs give the same plan. Steps that complete at once (setWeight whose replicas are
 * ready, finished pauses, successful analyses) are walked through in a single call.
 */
public final class CanaryPlanner {
  /** How often to look again while waiting for replicas to become ready. */
  static final Duration POLL = Duration.ofSeconds(2);

  private CanaryPlanner() {}

  /** The plan for a canary rollout. */
  public static Plan plan(
      String name,
      RolloutSpec spec,
      Strategy.Canary canary,
      RolloutStatus status,
      Observed observed,
      Instant now) {
    Draft d = new Draft(status);
    String hash = spec.templateHash();
    if (d.stableHash.isEmpty()) {
      if (spec.initialStableHash().isEmpty()) {
        return Stable.firstDeploy(
            spec, canary.canaryService(), canary.stableService(), hash, observed, d);
      }
      // A flag rollout names its stable variant: the first update starts from it at once.
      d.stableHash = spec.initialStableHash().get();
      d.activeHash = d.stableHash;
    }
    if (!hash.equals(d.currentPodHash)) {
      retireCanary(d, observed, now, canary.scaleDownDelay());
      d.newRevision(hash, now);
    }
    if (hash.equals(d.stableHash)) {
      return Stable.settle(
          spec,
          canary.canaryService(),
          canary.stableService(),
          observed,
          now,
          canary.scaleDownDelay(),
          d);
    }
    if (d.abort) {
      return Abort.canary(name, spec, canary, observed, now, d);
    }
    CanarySteps.walk(name, spec, canary, observed, now, d);
    if (d.abort) {
      // A failed analysis sends traffic back in the same reconcile, not one status write later.
      return Abort.canary(name, spec, canary, observed, now, d);
    }
    if (d.stepIndex >= canary.steps().size() && !d.abort && d.pause.isEmpty()) {
      Stable.promote(
          name,
          spec,
          canary.canaryService(),
          canary.stableService(),
          observed,
          now,
          canary.scaleDownDelay(),
          d);
    }
    Phases.assign(spec, canary.steps().size(), observed, now, d);
    return d.toPlan();
  }

  /** A canary of an abandoned revision is scaled down at once: it never took full traffic. */
  private static void retireCanary(Draft d, Observed observed, Instant now, Duration delay) {
    if (!d.currentPodHash.isEmpty() && !d.currentPodHash.equals(d.stableHash)) {
      d.act(new Action.ScaleReplicaSet(d.currentPodHash, 0));
    }
    d.runs.stream()
        .filter(r -> !r.phase().completed())
        .forEach(r -> d.act(new Action.TerminateAnalysis(r.name())));
  }
}
