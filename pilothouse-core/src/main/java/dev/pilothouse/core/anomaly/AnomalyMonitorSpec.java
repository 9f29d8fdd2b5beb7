package dev.pilothouse.core.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.GoDuration;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.error.ValidationException;
import java.time.Duration;
import java.util.Optional;

/**
 * The spec of an {@code AnomalyMonitor} ({@code pilothouse.dev/v1alpha1}): one metric series,
 * fetched by a Prometheus instant query every {@code interval}, scored by a streaming detector.
 * Anomalies that start within {@code correlationWindow} after a rollout or flag change of the same
 * service are marked as possibly caused by it.
 *
 * @param service the service the series belongs to (empty: correlate with any service's changes)
 * @param interval time between samples
 * @param threshold a score at or above this starts an anomaly
 * @param correlationWindow how long after a change an anomaly may be blamed on it
 * @param detector a {@link DetectorCatalog} name
 * @param learningPoints samples of history the detector learns from before it scores live ones
 *     (read back from the metric source when the monitor starts; 0: learn live, no hints)
 * @param provider the Prometheus provider block (address, query, optional timeout and headers)
 */
public record AnomalyMonitorSpec(
    String service,
    Duration interval,
    double threshold,
    Duration correlationWindow,
    String detector,
    int learningPoints,
    MetricProvider provider) {

  /** The qualified kind, as {@code KindRegistry.addRule} takes it. */
  public static final String QUALIFIED_KIND = "AnomalyMonitor.pilothouse.dev";

  /** The kind's apiVersion. */
  public static final String API_VERSION = "pilothouse.dev/v1alpha1";

  /** The kind's name. */
  public static final String KIND = "AnomalyMonitor";

  /**
   * The default threshold: near the one NAB's exhaustive sweep picks for the default detector
   * (0.404 on the standard profile), rounded down so a clear onset always passes.
   */
  public static final double DEFAULT_THRESHOLD = 0.4;

  /** Default detector: the best on NAB (see docs/nab.md). */
  public static final String DEFAULT_DETECTOR = "resonance-ensemble";

  /**
   * Default learning length: 750 samples, NAB's longest probationary period (6¼ hours at the
   * default 30 s interval).
   */
  public static final int DEFAULT_LEARNING_POINTS = 750;

  /** Most learning samples: one Prometheus range query returns at most 11,000 points a series. */
  public static final int MAX_LEARNING_POINTS = 10_000;

  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  private static final Duration DEFAULT_CORRELATION = Duration.ofMinutes(15);

  /**
   * Reads and checks a resource's spec.
   *
   * @throws ValidationException naming the first bad field, e.g. {@code spec.threshold}
   */
  public static AnomalyMonitorSpec parse(JsonNode resource) {
    JsonNode spec = resource.path("spec");
    JsonNode prometheus = spec.path("prometheus");
    if (!prometheus.isObject()) {
      throw ValidationException.of("spec.prometheus", "is required (address and query)");
    }
    for (String field : new String[] {"address", "query"}) {
      if (prometheus.path(field).asText("").isBlank()) {
        throw ValidationException.of("spec.prometheus." + field, "is required");
      }
    }
    Duration interval = duration(spec, "interval", DEFAULT_INTERVAL);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw ValidationException.of("spec.interval", "must be at least 1s");
    }
    Duration window = duration(spec, "correlationWindow", DEFAULT_CORRELATION);
    if (window.isNegative()) {
      throw ValidationException.of("spec.correlationWindow", "must not be negative");
    }
    double threshold = spec.path("threshold").asDouble(DEFAULT_THRESHOLD);
    if (spec.has("threshold") && !spec.get("threshold").isNumber()
        || !(threshold > 0 && threshold <= 1)) {
      throw ValidationException.of("spec.threshold", "must be a number in (0, 1]");
    }
    String detector = spec.path("detector").asText(DEFAULT_DETECTOR);
    if (!DetectorCatalog.names().contains(detector)) {
      throw ValidationException.of(
          "spec.detector",
          "unknown detector; known: " + String.join(", ", DetectorCatalog.names()));
    }
    return new AnomalyMonitorSpec(
        spec.path("service").asText(""),
        interval,
        threshold,
        window,
        detector,
        learningPoints(spec, interval),
        new MetricProvider("prometheus", prometheus));
  }

  /** The look-back of the hinted start (history in the spec's interval). */
  public Duration learningDuration() {
    return interval.multipliedBy(learningPoints);
  }

  /**
   * {@code spec.learning}: {@code {points: N}} or {@code {duration: 6h}} (samples of the interval
   * it covers), at most {@link #MAX_LEARNING_POINTS} samples; absent: {@link
   * #DEFAULT_LEARNING_POINTS}.
   */
  private static int learningPoints(JsonNode spec, Duration interval) {
    if (!spec.has("learning")) {
      return DEFAULT_LEARNING_POINTS;
    }
    JsonNode learning = spec.get("learning");
    if (!learning.isObject() || learning.size() != 1) {
      throw ValidationException.of(
          "spec.learning", "must be an object with exactly one of points or duration");
    }
    String field = learning.fieldNames().next();
    JsonNode value = learning.get(field);
    long points;
    switch (field) {
      case "points" -> {
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
          throw ValidationException.of(
              "spec.learning.points", "must be a whole number of samples, 0 or more");
        }
        points = value.canConvertToLong() ? value.asLong() : Long.MAX_VALUE;
      }
      case "duration" -> {
        Duration d =
            GoDuration.parse(value.asText(""))
                .filter(x -> !x.isNegative())
                .orElseThrow(() ->
                    ValidationException.of(
                        "spec.learning.duration", "is not a duration (e.g. 6h, 90m)"));
        points = d.dividedBy(interval);
      }
      default ->
          throw ValidationException.of(
              "spec.learning." + field, "is not a field of learning (points or duration)");
    }
    if (points > MAX_LEARNING_POINTS) {
      throw ValidationException.of(
          "spec.learning." + field,
          "covers "
              + points
              + " samples; at most "
              + MAX_LEARNING_POINTS
              + " (one Prometheus range query)");
    }
    return (int) points;
  }

  private static Duration duration(JsonNode spec, String field, Duration fallback) {
    if (!spec.has(field)) {
      return fallback;
    }
    Optional<Duration> d = GoDuration.parse(spec.get(field).asText(""));
    return d.orElseThrow(
        () -> ValidationException.of("spec." + field, "is not a duration (e.g. 30s, 5m)"));
  }
}
