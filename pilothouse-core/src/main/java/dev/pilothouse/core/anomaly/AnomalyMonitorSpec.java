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
 * @param provider the Prometheus provider block (address, query, optional timeout and headers)
 */
public record AnomalyMonitorSpec(
    String service,
    Duration interval,
    double threshold,
    Duration correlationWindow,
    String detector,
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
        new MetricProvider("prometheus", prometheus));
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
