package dev.pilothouse.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one reconcile of a blue/green rollout. The new revision comes up beside the active one
 * behind the preview service; pre-promotion analysis and (unless auto-promotion) a pause gate the
 * switch of the active service; post-promotion analysis may switch back; the old revision is scaled
 * down after {@code scaleDownDelaySeconds}.
 */
public final class BlueGreenPlanner {
  static final String PAUSE = "BlueGreenPause";

  private BlueGreenPlanner() {}

  /** The plan for a blue/green rollout. */
  public static Plan plan(
      String name,
      RolloutSpec spec,
      Strategy.BlueGreen bg,
      RolloutStatus status,
      Observed observed,
      Instant now) {
    Draft d = new Draft(status);
    String hash = spec.templateHash();
    if (d.stableHash.isEmpty()) {
      return Stable.firstDeploy(spec, bg.activeService(), bg.previewService(), hash, observed, d);
    }
    if (!hash.equals(d.currentPodHash)) {
      if (!d.currentPodHash.equals(d.stableHash)) {
        d.act(new Action.ScaleReplicaSet(d.currentPodHash, 0));
      }
      Stable.terminateRunning(d);
      d.newRevision(hash, now);
    }
    if (hash.equals(d.stableHash)) {
      d.activeHash = hash;
      return Stable.settle(
          spec, bg.activeService(), bg.previewService(), observed, now, bg.scaleDownDelay(), d);
    }
    if (d.abort) {
      return abort(spec, bg, observed, now, d);
    }
    progress(name, spec, bg, observed, now, d);
    Phases.assign(spec, 0, observed, now, d);
    return d.toPlan();
  }

  private static void progress(
      String name,
      RolloutSpec spec,
      Strategy.BlueGreen bg,
      Observed observed,
      Instant now,
      Draft d) {
    boolean switched = d.activeHash.equals(d.currentPodHash);
    int previewSize = switched ? spec.replicas() : bg.previewReplicaCount().orElse(spec.replicas());
    d.act(new Action.ScaleReplicaSet(d.currentPodHash, previewSize));
    Stable.select(d, d.currentPodHash, bg.previewService());
    Stable.select(d, d.activeHash, bg.activeService());
    if (observed.ready(d.currentPodHash) < previewSize) {
      d.requeueWithin(CanaryPlanner.POLL);
      return;
    }
    if (!switched && gatesOpen(name, spec, bg, observed, now, d)) {
      switchActive(d, bg);
      switched = true;
    }
    if (switched && postPromotion(name, bg, observed, now, d)) {
      d.stableHash = d.currentPodHash;
      d.message = "promoted " + d.stableHash;
      Stable.retireOthers(Set.of(d.stableHash), observed, now, bg.scaleDownDelay(), d);
    }
  }

  /** Pre-promotion analysis, then the pause (manual, or autoPromotionSeconds). */
  private static boolean gatesOpen(
      String name,
      RolloutSpec spec,
      Strategy.BlueGreen bg,
      Observed observed,
      Instant now,
      Draft d) {
    if (bg.prePromotionAnalysis().isPresent()
        && !StepAnalysis.check(
            name,
            bg.prePromotionAnalysis().get(),
            RolloutStatus.Purpose.PRE_PROMOTION,
            "pre",
            observed,
            now,
            d)) {
      return false;
    }
    if (spec.paused()) {
      return false;
    }
    if (!bg.autoPromotionEnabled()) {
      if (d.controllerPause && d.pause.isEmpty()) {
        return true; // paused before, pause cleared since: promoted
      }
      d.pauseFor(PAUSE, now);
      return false;
    }
    if (bg.autoPromotionAfter().isPresent()) {
      d.pauseFor(PAUSE, now);
      Instant at = d.pause.get().start().plus(bg.autoPromotionAfter().get());
      if (now.isBefore(at)) {
        d.requeueWithin(Duration.between(now, at));
        return false;
      }
    }
    return true;
  }

  private static void switchActive(Draft d, Strategy.BlueGreen bg) {
    d.pause = Optional.empty();
    d.controllerPause = false;
    d.activeHash = d.currentPodHash;
    Stable.select(d, d.activeHash, bg.activeService());
  }

  /** Post-promotion analysis: failure switches the active service back (via abort). */
  private static boolean postPromotion(
      String name, Strategy.BlueGreen bg, Observed observed, Instant now, Draft d) {
    if (bg.postPromotionAnalysis().isEmpty()) {
      return true;
    }
    return StepAnalysis.check(
        name,
        bg.postPromotionAnalysis().get(),
        RolloutStatus.Purpose.POST_PROMOTION,
        "post",
        observed,
        now,
        d);
  }

  private static Plan abort(
      RolloutSpec spec, Strategy.BlueGreen bg, Observed observed, Instant now, Draft d) {
    Instant since = d.abortedAt.orElse(now);
    d.abortedAt = Optional.of(since);
    d.pause = Optional.empty();
    d.activeHash = d.stableHash;
    d.act(new Action.ScaleReplicaSet(d.stableHash, spec.replicas()));
    Stable.select(d, d.stableHash, bg.activeService(), bg.previewService());
    Stable.terminateRunning(d);
    Abort.scaleDownAfterDelay(d, bg.abortScaleDownDelay(), since, now);
    d.phase = "Degraded";
    if (!d.message.startsWith("RolloutAborted")) {
      d.message = "RolloutAborted: aborted by user";
    }
    return d.toPlan();
  }
}
