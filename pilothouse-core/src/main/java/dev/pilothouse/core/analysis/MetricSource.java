package dev.pilothouse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Port to a metrics provider (Prometheus, a web endpoint, …). Implementations must not throw for
 * provider problems: they return a {@link Measurement.Failure} instead.
 */
@FunctionalInterface
public interface MetricSource {

  /**
   * Takes one measurement.
   *
   * @param provider the metric's provider block (arguments already substituted)
   * @param context facts about the run, e.g. {@code namespace} and {@code analysisRun}
   */
  Measurement measure(MetricProvider provider, Map<String, String> context);

  /**
   * Reads the metric's past values from {@code from} to {@code to}, one every {@code step} (a
   * Prometheus range query), for a detector to learn from before it scores live values. Providers
   * that keep no history answer {@link MetricHistory.Unavailable}, as this default does; like
   * {@link #measure}, implementations must not throw for provider problems.
   */
  default MetricHistory history(
      MetricProvider provider,
      Map<String, String> context,
      Instant from,
      Instant to,
      Duration step) {
    return new MetricHistory.Unavailable(
        "provider '" + provider.type() + "' keeps no history to learn from");
  }
}
