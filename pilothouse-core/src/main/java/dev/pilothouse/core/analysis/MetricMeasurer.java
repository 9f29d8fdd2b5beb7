package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pilothouse.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Takes one measurement of a metric and judges it: asks the {@link MetricSource}, evaluates the
 * conditions on the value, and records the result with start and finish times from the clock.
 */
public final class MetricMeasurer {
  private final MetricSource source;
  private final ConditionEvaluator conditions;
  private final Clock clock;

  /** A measurer over {@code source}. */
  public MetricMeasurer(MetricSource source, ConditionEvaluator conditions, Clock clock) {
    this.source = source;
    this.conditions = conditions;
    this.clock = clock;
  }

  /** The judged measurement of {@code metric}. */
  public MeasurementRecord measure(MetricSpec metric, Map<String, String> context) {
    Instant started = clock.instant();
    Measurement m = measureSafely(metric, context);
    Instant finished = clock.instant();
    return switch (m) {
      case Measurement.Failure(Measurement.Reason reason, String message) ->
          new MeasurementRecord(
              AnalysisPhase.Error, "", started, finished, reason + ": " + message);
      case Measurement.Value(Object value) -> {
        Verdict v =
            conditions.evaluate(value, metric.successCondition(), metric.failureCondition());
        yield new MeasurementRecord(v.phase(), render(value), started, finished, v.message());
      }
    };
  }

  private Measurement measureSafely(MetricSpec metric, Map<String, String> context) {
    try {
      return source.measure(metric.provider(), context);
    } catch (RuntimeException e) {
      // A buggy provider must not stop the run's bookkeeping: it becomes an Error measurement.
      return Measurement.failure(Measurement.Reason.Unavailable, String.valueOf(e.getMessage()));
    }
  }

  /** The value as Argo shows it: numbers plain, vectors as {@code [0.99]}, objects as JSON. */
  static String render(Object value) {
    if (value instanceof String s) {
      return s;
    }
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
