package dev.pilothouse.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Planning around the stable revision: first deploy, promotion, settling, old revisions. */
final class Stable {
  private Stable() {}

  /** The first revision becomes stable at once: there is nothing to compare it with. */
  static Plan firstDeploy(
      RolloutSpec spec, String serviceA, String serviceB, String hash, Observed observed, Draft d) {
    d.currentPodHash = hash;
    d.stableHash = hash;
    d.activeHash = hash;
    d.stepIndex = spec.stepCount();
    d.act(new Action.ScaleReplicaSet(hash, spec.replicas()));
    select(d, hash, serviceA, serviceB);
    d.phase = observed.ready(hash) >= spec.replicas() ? "Healthy" : "Progressing";
    if (!d.phase.equals("Healthy")) {
      d.requeueWithin(CanaryPlanner.POLL);
    }
    return d.toPlan();
  }

  /** The desired revision is the stable one: run it at full size, retire everything else. */
  static Plan settle(
      RolloutSpec spec,
      String serviceA,
      String serviceB,
      Observed observed,
      Instant now,
      Duration delay,
      Draft d) {
    d.stepIndex = spec.stepCount();
    d.pause = java.util.Optional.empty();
    d.controllerPause = false;
    d.abort = false;
    d.weight = 0;
    d.act(new Action.ScaleReplicaSet(d.stableHash, spec.replicas()));
    select(d, d.stableHash, serviceA, serviceB);
    d.act(new Action.RouteTraffic(d.stableHash, d.stableHash, 0));
    terminateRunning(d);
    retireOthers(Set.of(d.stableHash), observed, now, delay, d);
    d.phase = observed.ready(d.stableHash) >= spec.replicas() ? "Healthy" : "Progressing";
    d.message = "";
    return d.toPlan();
  }

  /** All steps done: the canary becomes the stable revision. */
  static void promote(
      String name,
      RolloutSpec spec,
      String canaryService,
      String stableService,
      Observed observed,
      Instant now,
      Duration delay,
      Draft d) {
    String previous = d.stableHash;
    d.stableHash = d.currentPodHash;
    d.promoteFull = false;
    d.canaryScale = java.util.Optional.empty();
    d.weight = 100;
    d.progressedAt = java.util.Optional.of(now);
    d.act(new Action.ScaleReplicaSet(d.stableHash, spec.replicas()));
    select(d, d.stableHash, canaryService, stableService);
    d.act(new Action.RouteTraffic(d.stableHash, d.stableHash, 0));
    terminateRunning(d);
    retireOthers(Set.of(d.stableHash), observed, now, delay, d);
    d.message = "promoted " + d.stableHash + " (was " + previous + ")";
  }

  /** Older revisions are scaled down {@code delay} after they stop being needed. */
  static void retireOthers(
      Set<String> keep, Observed observed, Instant now, Duration delay, Draft d) {
    for (Observed.ReplicaSetState rs : observed.replicaSets()) {
      if (keep.contains(rs.hash()) || rs.replicas() == 0) {
        continue;
      }
      if (rs.scaleDownAt().isEmpty()) {
        d.act(new Action.ScheduleScaleDown(rs.hash(), now.plus(delay)));
        d.requeueWithin(delay);
      } else if (!now.isBefore(rs.scaleDownAt().get())) {
        d.act(new Action.ScaleReplicaSet(rs.hash(), 0));
      } else {
        d.requeueWithin(Duration.between(now, rs.scaleDownAt().get()));
      }
    }
  }

  static void terminateRunning(Draft d) {
    d.runs.stream()
        .filter(r -> !r.phase().completed())
        .forEach(r -> d.act(new Action.TerminateAnalysis(r.name())));
  }

  static void select(Draft d, String hash, String... services) {
    for (String service : services) {
      if (!service.isEmpty()) {
        d.act(new Action.SelectRevision(service, hash));
      }
    }
  }
}
