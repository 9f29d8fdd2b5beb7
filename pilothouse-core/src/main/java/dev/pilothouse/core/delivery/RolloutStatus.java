package dev.pilothouse.core.delivery;

import dev.pilothouse.core.analysis.AnalysisPhase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The engine's view of a rollout's status, written in Argo's shape by {@link StatusJson}.
 *
 * @param currentPodHash hash of the revision being rolled out (or running)
 * @param stableHash hash of the last fully promoted revision; empty before the first deploy
 * @param currentStepIndex index of the step in progress; steps.size() when all are done
 * @param pause why the rollout is paused (and since when), if it is
 * @param controllerPause set when the controller paused it, so a cleared pause means "promoted"
 * @param abort whether the update was aborted (traffic back to stable)
 * @param promoteFull skip the remaining steps
 * @param canaryScale a setCanaryScale override in force
 * @param analysisRuns analysis runs this revision started, with their last known phase
 * @param activeHash blue/green: revision the active service selects
 * @param phase Healthy, Progressing, Paused or Degraded
 */
public record RolloutStatus(
    String currentPodHash,
    String stableHash,
    int currentStepIndex,
    Optional<PauseCondition> pause,
    boolean controllerPause,
    boolean abort,
    Optional<Instant> abortedAt,
    boolean promoteFull,
    Optional<CanaryStep.SetCanaryScale> canaryScale,
    List<RunRef> analysisRuns,
    String activeHash,
    int canaryWeight,
    String phase,
    String message,
    Optional<Instant> progressedAt) {

  public RolloutStatus {
    analysisRuns = List.copyOf(analysisRuns);
  }

  /** A pause: CanaryPauseStep, BlueGreenPause or InconclusiveAnalysisRun, since {@code start}. */
  public record PauseCondition(String reason, Instant start) {}

  /** An analysis run started by the rollout, and what it is for. */
  public record RunRef(String name, Purpose purpose, AnalysisPhase phase) {}

  /** Why an analysis run exists. */
  public enum Purpose {
    STEP,
    BACKGROUND,
    PRE_PROMOTION,
    POST_PROMOTION
  }

  /** The status of a rollout never reconciled before. */
  public static RolloutStatus initial() {
    return new RolloutStatus(
        "",
        "",
        0,
        Optional.empty(),
        false,
        false,
        Optional.empty(),
        false,
        Optional.empty(),
        List.of(),
        "",
        0,
        "Progressing",
        "",
        Optional.empty());
  }

  /** The run with this name, if the rollout started it. */
  public Optional<RunRef> run(String name) {
    return analysisRuns.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
