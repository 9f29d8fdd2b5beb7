package dev.pilothouse.core.delivery;

import dev.pilothouse.core.analysis.AnalysisPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mutable working copy of a status and the actions decided so far, used while planning. */
final class Draft {
  String currentPodHash;
  String stableHash;
  int stepIndex;
  Optional<RolloutStatus.PauseCondition> pause;
  boolean controllerPause;
  boolean abort;
  Optional<Instant> abortedAt;
  boolean promoteFull;
  Optional<CanaryStep.SetCanaryScale> canaryScale;
  final List<RolloutStatus.RunRef> runs;
  String activeHash;
  int weight;
  String phase = "Progressing";
  String message = "";
  Optional<Instant> progressedAt;
  final List<Action> actions = new ArrayList<>();
  Optional<Duration> requeue = Optional.empty();

  Draft(RolloutStatus s) {
    currentPodHash = s.currentPodHash();
    stableHash = s.stableHash();
    stepIndex = s.currentStepIndex();
    pause = s.pause();
    controllerPause = s.controllerPause();
    abort = s.abort();
    abortedAt = s.abortedAt();
    promoteFull = s.promoteFull();
    canaryScale = s.canaryScale();
    runs = new ArrayList<>(s.analysisRuns());
    activeHash = s.activeHash();
    weight = s.canaryWeight();
    progressedAt = s.progressedAt();
    message = s.abort() ? s.message() : ""; // an abort's reason must survive later reconciles
  }

  /** Starts over for a new revision: steps from 0, no pause, abort or analysis carried over. */
  void newRevision(String hash, Instant now) {
    currentPodHash = hash;
    stepIndex = 0;
    pause = Optional.empty();
    controllerPause = false;
    abort = false;
    abortedAt = Optional.empty();
    promoteFull = false;
    canaryScale = Optional.empty();
    weight = 0;
    runs.clear();
    progressedAt = Optional.of(now);
  }

  void act(Action action) {
    actions.add(action);
  }

  /** Asks to be reconciled again within {@code delay} (the earliest request wins). */
  void requeueWithin(Duration delay) {
    Duration d = delay.isNegative() ? Duration.ZERO : delay;
    if (requeue.isEmpty() || d.compareTo(requeue.get()) < 0) {
      requeue = Optional.of(d);
    }
  }

  void pauseFor(String reason, Instant now) {
    if (pause.isEmpty()) {
      pause = Optional.of(new RolloutStatus.PauseCondition(reason, now));
      controllerPause = true;
    }
  }

  void recordRun(String name, RolloutStatus.Purpose purpose, AnalysisPhase phase) {
    runs.removeIf(r -> r.name().equals(name));
    runs.add(new RolloutStatus.RunRef(name, purpose, phase));
  }

  Plan toPlan() {
    RolloutStatus status =
        new RolloutStatus(
            currentPodHash,
            stableHash,
            stepIndex,
            pause,
            controllerPause,
            abort,
            abortedAt,
            promoteFull,
            canaryScale,
            runs,
            activeHash,
            weight,
            phase,
            message,
            progressedAt);
    return new Plan(status, actions, requeue);
  }
}
