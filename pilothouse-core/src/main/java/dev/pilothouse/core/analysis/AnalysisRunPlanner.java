package dev.pilothouse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure AnalysisRun engine. {@link #plan} decides, from the spec, the stored status and the
 * time, which metrics are due for a measurement and what the run's phase is; {@link #record} folds
 * taken measurements into the status and re-assesses it. A measurement is due at {@code startedAt +
 * initialDelay} first, then {@code interval} after the previous one finished, or 10 s after an
 * Error (Argo's fixed error retry). Errors don't count toward {@code count}. The run takes the
 * worst phase of its non-dry-run metrics as soon as one ends badly, and is Successful when all have
 * completed.
 */
public final class AnalysisRunPlanner {
  /** Argo's {@code DefaultErrorRetryInterval}. */
  public static final Duration ERROR_RETRY = Duration.ofSeconds(10);

  private AnalysisRunPlanner() {}

  /** What to do for this run at {@code now}. */
  public static RunPlan plan(AnalysisSpec spec, RunStatus status, Instant now) {
    if (status.phase().completed()) {
      return new RunPlan(List.of(), status, Optional.empty());
    }
    Instant started = status.startedAt() == null ? now : status.startedAt();
    RunStatus assessed = RunAssessor.assess(spec, withStart(status, started), spec.terminate());
    if (assessed.phase().completed()) {
      return new RunPlan(List.of(), assessed, Optional.empty());
    }
    List<MetricSpec> due = new ArrayList<>();
    Optional<Instant> next = Optional.empty();
    for (MetricSpec metric : spec.metrics()) {
      MetricResult result = resultOf(assessed, metric, spec);
      Optional<Instant> at =
          result.phase().completed() ? Optional.empty() : dueAt(metric, result, started);
      if (at.isPresent() && !at.get().isAfter(now)) {
        due.add(metric);
      } else if (at.isPresent()) {
        next = next.filter(n -> n.isBefore(at.get())).or(() -> at);
      }
    }
    if (!due.isEmpty()) {
      next = Optional.of(now);
    }
    return new RunPlan(due, assessed, next);
  }

  /**
   * The status after recording {@code taken} (metric name → measurement), re-assessed. Each metric
   * keeps at most its {@code measurementRetention} limit of measurements.
   */
  public static RunStatus record(
      AnalysisSpec spec, RunStatus status, Map<String, MeasurementRecord> taken, Instant now) {
    List<MetricResult> results = new ArrayList<>();
    for (MetricSpec metric : spec.metrics()) {
      MetricResult result = resultOf(status, metric, spec);
      MeasurementRecord m = taken.get(metric.name());
      if (m != null) {
        result = result.record(m, spec.retentionLimit(metric.name()));
      }
      if (m != null || status.result(metric.name()).isPresent()) {
        results.add(result);
      }
    }
    Instant started = status.startedAt() == null ? now : status.startedAt();
    RunStatus next = new RunStatus(status.phase(), status.message(), started, results);
    return RunAssessor.assess(spec, next, spec.terminate());
  }

  /** When the metric's next measurement is due, or empty when it takes no more. */
  static Optional<Instant> dueAt(MetricSpec metric, MetricResult result, Instant started) {
    MeasurementRecord last = result.last();
    if (last == null) {
      return Optional.of(started.plus(metric.initialDelay()));
    }
    // A measurement without finishedAt (written by another tool) counts from the run's start.
    Instant finished = last.finishedAt() == null ? started : last.finishedAt();
    if (last.phase() == AnalysisPhase.Error) {
      return Optional.of(finished.plus(ERROR_RETRY));
    }
    return metric.interval().map(finished::plus);
  }

  private static MetricResult resultOf(RunStatus status, MetricSpec metric, AnalysisSpec spec) {
    return status
        .result(metric.name())
        .orElseGet(() -> MetricResult.pending(metric.name(), spec.isDryRun(metric.name())));
  }

  private static RunStatus withStart(RunStatus status, Instant started) {
    AnalysisPhase phase =
        status.phase() == AnalysisPhase.Pending ? AnalysisPhase.Running : status.phase();
    return new RunStatus(phase, status.message(), started, status.metricResults());
  }
}
