package dev.pilothouse.core.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An AnalysisRun's {@code status}: phase, message, when it started and one result per metric.
 *
 * @param phase the run's phase (the worst metric's once one has ended badly)
 * @param message why the run ended as it did
 * @param startedAt when the run first started measuring, or null before that
 * @param metricResults one entry per metric that has started, in spec order
 */
public record RunStatus(
    AnalysisPhase phase, String message, Instant startedAt, List<MetricResult> metricResults) {

  public RunStatus {
    metricResults = List.copyOf(metricResults);
  }

  /** The status of a run that has not been looked at yet. */
  public static RunStatus empty() {
    return new RunStatus(AnalysisPhase.Pending, "", null, List.of());
  }

  /** The result of the named metric, if it has one. */
  public Optional<MetricResult> result(String metricName) {
    return metricResults.stream().filter(r -> r.name().equals(metricName)).findFirst();
  }
}
