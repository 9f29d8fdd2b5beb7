package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One metric of an analysis, with Argo's defaults applied.
 *
 * @param name unique within the analysis
 * @param interval time between measurements; empty means a single measurement
 * @param initialDelay wait before the first measurement
 * @param count measurements to take; empty with an interval means "until terminated"
 * @param successCondition condition a good result satisfies, or empty
 * @param failureCondition condition a bad result satisfies, or empty
 * @param failureLimit failed measurements tolerated (default 0; -1 disables the check)
 * @param inconclusiveLimit inconclusive measurements tolerated (default 0)
 * @param consecutiveErrorLimit errors in a row tolerated (default 4)
 * @param consecutiveSuccessLimit successes in a row that end the metric early (0 = off)
 * @param provider where the value comes from
 * @param raw the metric as written, unknown fields included
 */
public record MetricSpec(
    String name,
    Optional<Duration> interval,
    Duration initialDelay,
    Optional<Integer> count,
    String successCondition,
    String failureCondition,
    int failureLimit,
    int inconclusiveLimit,
    int consecutiveErrorLimit,
    int consecutiveSuccessLimit,
    MetricProvider provider,
    JsonNode raw) {

  /** Argo's default consecutiveErrorLimit. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  /**
   * The number of measurements after which the metric is Successful: the count, or 1 when neither
   * count nor interval is set; empty when measuring until terminated.
   */
  public Optional<Integer> effectiveCount() {
    if (count.isPresent()) {
      return count;
    }
    return interval.isEmpty() ? Optional.of(1) : Optional.empty();
  }
}
