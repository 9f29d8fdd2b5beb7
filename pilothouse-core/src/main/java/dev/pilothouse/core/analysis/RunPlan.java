package dev.pilothouse.core.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an AnalysisRun needs now: the metrics to measure, the status to write (re-assessed, with
 * {@code startedAt} set), and when to look again.
 *
 * @param due metrics to measure now, in spec order
 * @param status the status after assessment (before the due measurements are recorded)
 * @param nextCheck when the next measurement falls due; empty when the run has ended
 */
public record RunPlan(List<MetricSpec> due, RunStatus status, Optional<Instant> nextCheck) {

  public RunPlan {
    due = List.copyOf(due);
  }

  /** True when the run has reached a final phase. */
  public boolean finished() {
    return status.phase().completed();
  }
}
