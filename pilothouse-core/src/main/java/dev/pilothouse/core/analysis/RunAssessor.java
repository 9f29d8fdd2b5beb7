package dev.pilothouse.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assesses every metric, then the run (Argo's {@code assessRunStatus}): the run takes the worst
 * phase among its completed non-dry-run metrics as soon as that phase is not Successful; it is
 * Successful once every metric has completed (or it was terminated); Running otherwise.
 */
final class RunAssessor {
  private RunAssessor() {}

  static RunStatus assess(AnalysisSpec spec, RunStatus status, boolean terminating) {
    List<MetricResult> results = new ArrayList<>();
    boolean allCompleted = true;
    MetricResult worst = null;
    for (MetricSpec metric : spec.metrics()) {
      Optional<MetricResult> stored = status.result(metric.name());
      MetricResult base =
          stored.orElseGet(() -> MetricResult.pending(metric.name(), spec.isDryRun(metric.name())));
      MetricResult assessed = MetricAssessor.assess(metric, base, terminating);
      if (stored.isPresent() || assessed.phase().completed()) {
        results.add(assessed);
      }
      allCompleted &= assessed.phase().completed();
      if (!assessed.dryRun()
          && assessed.phase().completed()
          && (worst == null || assessed.phase().worseThan(worst.phase()))) {
        worst = assessed;
      }
    }
    return new RunStatus(
        runPhase(worst, allCompleted, terminating),
        runMessage(worst, terminating),
        status.startedAt(),
        results);
  }

  private static AnalysisPhase runPhase(
      MetricResult worst, boolean allCompleted, boolean terminating) {
    if (worst != null && worst.phase() != AnalysisPhase.Successful) {
      return worst.phase();
    }
    if (allCompleted || terminating) {
      return AnalysisPhase.Successful;
    }
    return AnalysisPhase.Running;
  }

  private static String runMessage(MetricResult worst, boolean terminating) {
    if (worst != null && worst.phase() != AnalysisPhase.Successful) {
      return worst.message();
    }
    if (terminating) {
      return "Run Terminated";
    }
    return "";
  }
}
