package dev.pilothouse.core.analysis;

/**
 * Assesses one metric from its counters, as Argo's {@code assessMetricStatus}: Failed when failed >
 * failureLimit (unless -1), Inconclusive when inconclusive > inconclusiveLimit, Error when
 * consecutive errors > consecutiveErrorLimit, Successful when the count (or
 * consecutiveSuccessLimit) is reached or the run is terminating, Running otherwise.
 */
final class MetricAssessor {
  private MetricAssessor() {}

  static MetricResult assess(MetricSpec metric, MetricResult result, boolean terminating) {
    if (result.phase().completed()) {
      return result;
    }
    if (metric.effectiveCount().orElse(-1) == 0) {
      return result.withPhase(AnalysisPhase.Successful, "count is 0: nothing to measure");
    }
    if (result.measurements().isEmpty()) {
      return terminating
          ? result.withPhase(AnalysisPhase.Successful, "metric terminated prior to running")
          : result;
    }
    if (metric.failureLimit() >= 0 && result.failed() > metric.failureLimit()) {
      return over(
          result,
          AnalysisPhase.Failed,
          "failed",
          result.failed(),
          "failureLimit",
          metric.failureLimit());
    }
    if (result.inconclusive() > metric.inconclusiveLimit()) {
      return over(
          result,
          AnalysisPhase.Inconclusive,
          "inconclusive",
          result.inconclusive(),
          "inconclusiveLimit",
          metric.inconclusiveLimit());
    }
    if (result.consecutiveError() > metric.consecutiveErrorLimit()) {
      return over(
          result,
          AnalysisPhase.Error,
          "consecutiveErrors",
          result.consecutiveError(),
          "consecutiveErrorLimit",
          metric.consecutiveErrorLimit());
    }
    return assessProgress(metric, result, terminating);
  }

  private static MetricResult assessProgress(
      MetricSpec metric, MetricResult result, boolean terminating) {
    int streak = metric.consecutiveSuccessLimit();
    if (streak > 0 && result.consecutiveSuccess() >= streak) {
      return result.withPhase(
          AnalysisPhase.Successful, "consecutiveSuccessLimit (" + streak + ") reached");
    }
    if (metric.effectiveCount().map(c -> result.count() >= c).orElse(false)) {
      return result.withPhase(AnalysisPhase.Successful, "");
    }
    if (terminating) {
      return result.withPhase(AnalysisPhase.Successful, "metric terminated");
    }
    return result.withPhase(AnalysisPhase.Running, "");
  }

  private static MetricResult over(
      MetricResult result,
      AnalysisPhase phase,
      String counter,
      int value,
      String limitName,
      int limit) {
    String why =
        "metric \"%s\" assessed %s due to %s (%d) > %s (%d)"
            .formatted(result.name(), phase, counter, value, limitName, limit);
    return result.withPhase(phase, why);
  }
}
