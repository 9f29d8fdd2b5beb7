package dev.pilothouse.core.analysis;

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
}
