package dev.pilothouse.core.delivery;

import java.time.Instant;
import java.util.Optional;

/** An aborted update: all traffic back to stable at once, the canary scaled down after a delay. */
final class Abort {
  private Abort() {}

  /** Marks the rollout aborted with a reason (from an analysis verdict or a user). */
  static void begin(Draft d, String reason, Instant now) {
    d.abort = true;
    d.abortedAt = Optional.of(now);
    d.message = "RolloutAborted: " + reason;
  }

  static Plan canary(
      String name,
      RolloutSpec spec,
      Strategy.Canary canary,
      Observed observed,
      Instant now,
      Draft d) {
    Instant since = d.abortedAt.orElse(now);
    d.abortedAt = Optional.of(since);
    d.weight = 0;
    d.pause = Optional.empty();
    d.act(new Action.ScaleReplicaSet(d.stableHash, spec.replicas()));
    Stable.select(d, d.stableHash, canary.stableService());
    d.act(new Action.RouteTraffic(d.currentPodHash, d.stableHash, 0));
    Stable.terminateRunning(d);
    if (canary.trafficRouting()) {
      scaleDownAfterDelay(d, canary.abortScaleDownDelay(), since, now);
    } else {
      // Without a router the replica ratio is the traffic split: stable-only means no canary pods.
      d.act(new Action.ScaleReplicaSet(d.currentPodHash, 0));
    }
    d.phase = "Degraded";
    if (!d.message.startsWith("RolloutAborted")) {
      d.message = "RolloutAborted: aborted by user";
    }
    return d.toPlan();
  }

  /** abortScaleDownDelaySeconds: 0 keeps the canary running for debugging, as in Argo. */
  static void scaleDownAfterDelay(Draft d, java.time.Duration delay, Instant since, Instant now) {
    if (delay.isZero()) {
      return;
    }
    Instant at = since.plus(delay);
    if (now.isBefore(at)) {
      d.requeueWithin(java.time.Duration.between(now, at));
    } else {
      d.act(new Action.ScaleReplicaSet(d.currentPodHash, 0));
    }
  }
}
