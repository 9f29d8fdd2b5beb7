package dev.pilothouse.core.delivery;

import dev.pilothouse.core.analysis.AnalysisPhase;
import java.time.Instant;

/**
 * Analysis gates: start the run once, then act on its verdict. Successful passes the gate; Failed
 * or Error aborts; Inconclusive pauses until a person promotes or aborts (Argo semantics).
 */
final class StepAnalysis {
  static final String INCONCLUSIVE = "InconclusiveAnalysisRun";

  private StepAnalysis() {}

  /**
   * @param suffix distinguishes runs of the same revision: the step index, "bg", "pre" or "post"
   * @return whether the gate is passed
   */
  static boolean check(
      String rollout,
      AnalysisRef analysis,
      RolloutStatus.Purpose purpose,
      String suffix,
      Observed observed,
      Instant now,
      Draft d) {
    String run = runName(rollout, d.currentPodHash, suffix);
    if (d.runs.stream().noneMatch(r -> r.name().equals(run))) {
      d.act(new Action.StartAnalysis(run, analysis, purpose, d.currentPodHash));
      d.recordRun(run, purpose, AnalysisPhase.Pending);
      return false;
    }
    AnalysisPhase phase = observed.analysis(run);
    d.recordRun(run, purpose, phase);
    if (phase == AnalysisPhase.Failed
        || phase == AnalysisPhase.Error) { // Argo treats Error like Failed
      Abort.begin(d, "analysis run " + run + " ended " + phase, now);
      return false;
    }
    if (phase == AnalysisPhase.Inconclusive) {
      d.pauseFor(INCONCLUSIVE, now);
      d.message = "analysis run " + run + " is inconclusive: promote or abort";
      return false;
    }
    return phase == AnalysisPhase.Successful;
  }

  /** Run names are deterministic, so a re-planned reconcile finds the run it started. */
  static String runName(String rollout, String hash, String suffix) {
    return rollout + "-" + hash + "-" + suffix;
  }
}
