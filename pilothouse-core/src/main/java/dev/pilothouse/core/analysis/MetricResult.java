package dev.pilothouse.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one metric in {@code status.metricResults[]}: its phase, the retained measurements
 * and Argo's counters. Counts are over all measurements, including those trimmed by retention.
 *
 * @param name the metric's name
 * @param phase the metric's assessed phase
 * @param message why the metric ended as it did
 * @param measurements the newest measurements, oldest first
 * @param count measurements that were not errors
 * @param successful successful measurements
 * @param failed failed measurements
 * @param inconclusive inconclusive measurements
 * @param error errored measurements
 * @param consecutiveError errors in a row (reset by any other phase)
 * @param consecutiveSuccess successes in a row (reset by any other phase)
 * @param dryRun whether the metric's verdict is ignored by the run
 */
public record MetricResult(
    String name,
    AnalysisPhase phase,
    String message,
    List<MeasurementRecord> measurements,
    int count,
    int successful,
    int failed,
    int inconclusive,
    int error,
    int consecutiveError,
    int consecutiveSuccess,
    boolean dryRun) {

  public MetricResult {
    measurements = List.copyOf(measurements);
  }

  /** A metric that has not been measured yet. */
  public static MetricResult pending(String name, boolean dryRun) {
    return new MetricResult(
        name, AnalysisPhase.Pending, "", List.of(), 0, 0, 0, 0, 0, 0, 0, dryRun);
  }

  /** The latest measurement, or null when none was taken. */
  public MeasurementRecord last() {
    return measurements.isEmpty() ? null : measurements.getLast();
  }

  /** This result with a new phase and message. */
  public MetricResult withPhase(AnalysisPhase newPhase, String newMessage) {
    return new MetricResult(
        name,
        newPhase,
        newMessage,
        measurements,
        count,
        successful,
        failed,
        inconclusive,
        error,
        consecutiveError,
        consecutiveSuccess,
        dryRun);
  }

  /** This result with one more measurement counted, keeping at most {@code retain} of them. */
  public MetricResult record(MeasurementRecord m, int retain) {
    List<MeasurementRecord> kept = new ArrayList<>(measurements);
    kept.add(m);
    while (kept.size() > Math.max(retain, 1)) {
      kept.removeFirst();
    }
    AnalysisPhase p = m.phase();
    boolean isError = p == AnalysisPhase.Error;
    return new MetricResult(
        name,
        phase == AnalysisPhase.Pending ? AnalysisPhase.Running : phase,
        message,
        kept,
        count + (isError ? 0 : 1),
        successful + (p == AnalysisPhase.Successful ? 1 : 0),
        failed + (p == AnalysisPhase.Failed ? 1 : 0),
        inconclusive + (p == AnalysisPhase.Inconclusive ? 1 : 0),
        error + (isError ? 1 : 0),
        isError ? consecutiveError + 1 : 0,
        p == AnalysisPhase.Successful ? consecutiveSuccess + 1 : 0,
        dryRun);
  }
}
