package dev.pilothouse.core.anomaly;

import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricHistory;
import dev.pilothouse.core.events.PlatformEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The detector state of one monitored series and the pure step from a measurement to a score: a
 * measurement that is one number is scored; anything else (a failure, no data, several series) is
 * skipped without touching the detector. The caller fetches, stores events and exports gauges.
 *
 * <p>A tracker can start warm ({@link #warmStarted}): the product's analogue of NAB's detector
 * protocol. The history read back when a monitor starts gives the detector its hints (the history's
 * min and max, and the spec's learning length as learning time) and is fed through it before any
 * live point, so a restarted server does not re-learn blind. A short history (a new series) is
 * learned from as far as it goes; the detector then keeps learning from live points until the
 * learning length is reached.
 */
public final class SeriesTracker {
  /** Samples kept for display (the portal chart): two hours at the default 30 s interval. */
  public static final int HISTORY = 240;

  private final AnomalyMonitorSpec spec;
  private final AnomalyDetector detector;
  private final java.util.ArrayDeque<Sample> history = new java.util.ArrayDeque<>();
  private volatile double lastScore;
  private volatile long points;
  private volatile String lastSkip = "";
  private final int learnedFromHistory;
  private final String warmStart;

  /** A tracker with a fresh detector of the spec's kind that learns from live points only. */
  public SeriesTracker(AnomalyMonitorSpec spec) {
    this(spec, SeriesHints.NONE, List.of(), "no history read: learning from live samples");
  }

  private SeriesTracker(
      AnomalyMonitorSpec spec, SeriesHints hints, List<MetricHistory.Point> past, String note) {
    this.spec = spec;
    this.detector = DetectorCatalog.create(spec.detector(), hints);
    int learned = 0;
    for (MetricHistory.Point p : past) {
      if (Double.isFinite(p.value())) {
        detector.score(p.time().getEpochSecond(), p.value());
        learned++;
      }
    }
    this.learnedFromHistory = learned;
    this.warmStart = note;
  }

  /**
   * A tracker whose detector is given hints from {@code history} (its finite values' min and max,
   * and the spec's learning length) and has learned from it; without usable history (unavailable,
   * or a learning length of 0) the detector learns from live points, hinted with the learning
   * length alone.
   */
  public static SeriesTracker warmStarted(AnomalyMonitorSpec spec, MetricHistory history) {
    if (spec.learningPoints() == 0) {
      return new SeriesTracker(spec);
    }
    return switch (history) {
      case MetricHistory.Unavailable(String reason) ->
          new SeriesTracker(
              spec,
              new SeriesHints(Double.NaN, Double.NaN, spec.learningPoints()),
              List.of(),
              "no history (" + reason + "): learning from live samples");
      case MetricHistory.Points(List<MetricHistory.Point> points) -> {
        List<MetricHistory.Point> past =
            points.size() > spec.learningPoints()
                ? points.subList(points.size() - spec.learningPoints(), points.size())
                : points;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (MetricHistory.Point p : past) {
          if (Double.isFinite(p.value())) {
            min = Math.min(min, p.value());
            max = Math.max(max, p.value());
          }
        }
        yield new SeriesTracker(
            spec,
            new SeriesHints(min, max, spec.learningPoints()),
            past,
            "learned from " + past.size() + " of " + spec.learningPoints() + " history samples");
      }
    };
  }

  /** How many history points the detector learned from before scoring live ones. */
  public int learnedFromHistory() {
    return learnedFromHistory;
  }

  /** How the tracker started: what history it learned from, or why none. */
  public String warmStart() {
    return warmStart;
  }

  /**
   * One scored sample, kept for display.
   *
   * @param anomaly whether the score reached the threshold
   */
  public record Sample(Instant time, double value, double score, boolean anomaly) {}

  /** What one measurement led to. */
  public sealed interface Step {
    /** The value was scored; {@code anomaly} when the score reached the threshold. */
    record Scored(double value, double score, boolean anomaly) implements Step {}

    /** Nothing was scored, for {@code reason}. */
    record Skipped(String reason) implements Step {}
  }

  /** The spec this tracker was made for (a changed spec gets a fresh tracker). */
  public AnomalyMonitorSpec spec() {
    return spec;
  }

  /** The latest score (0 before any). */
  public double lastScore() {
    return lastScore;
  }

  /** The last {@link #HISTORY} scored samples, oldest first (safe to call from any thread). */
  public List<Sample> recent() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  /**
   * Why the latest measurement was not scored (a failed query, no series, ...), or empty when it
   * was: shown next to the monitor so a silent one explains itself.
   */
  public String lastSkip() {
    return lastSkip;
  }

  /** Points scored so far. */
  public long points() {
    return points;
  }

  /** Scores a measurement taken at {@code time}. */
  public Step observe(Instant time, Measurement measurement) {
    Double value =
        switch (measurement) {
          case Measurement.Failure f -> null;
          case Measurement.Value(Number n) -> n.doubleValue();
          case Measurement.Value(List<?> l)
              when l.size() == 1 && l.getFirst() instanceof Number n ->
              n.doubleValue();
          case Measurement.Value v -> null;
        };
    if (value == null) {
      Step.Skipped skipped = new Step.Skipped(skipReason(measurement));
      lastSkip = skipped.reason();
      return skipped;
    }
    lastSkip = "";
    double score = detector.score(time.getEpochSecond(), value);
    lastScore = score;
    points++;
    boolean anomaly = score >= spec.threshold();
    synchronized (history) {
      if (history.size() == HISTORY) {
        history.removeFirst();
      }
      history.addLast(new Sample(time, value, score, anomaly));
    }
    return new Step.Scored(value, score, anomaly);
  }

  private static String skipReason(Measurement m) {
    return switch (m) {
      case Measurement.Failure(Measurement.Reason reason, String message) ->
          reason + ": " + message;
      case Measurement.Value(List<?> l) when l.isEmpty() -> "the query matched no series";
      case Measurement.Value(List<?> l) ->
          "the query returned " + l.size() + " series; an AnomalyMonitor follows exactly one";
      case Measurement.Value v -> "the query did not return a number";
    };
  }

  /**
   * The {@code anomaly.detected} event for an anomaly of monitor {@code namespace/name}, naming the
   * changes that may have caused it.
   */
  public static PlatformEvent event(
      Instant time,
      String namespace,
      String name,
      AnomalyMonitorSpec spec,
      Step.Scored scored,
      List<PlatformEvent> suspects) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("monitor", name);
    attributes.put("score", String.format(java.util.Locale.ROOT, "%.3f", scored.score()));
    attributes.put("value", Double.toString(scored.value()));
    attributes.put("query", spec.provider().config().path("query").asText());
    String message = "anomaly in " + name + " (score " + attributes.get("score") + ")";
    if (!suspects.isEmpty()) {
      PlatformEvent latest = suspects.getFirst();
      attributes.put("possibleCause", latest.type() + " " + latest.subject());
      attributes.put("possibleCauseEventId", Long.toString(latest.id()));
      attributes.put(
          "suspectEventIds",
          suspects.stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(",")));
      message += "; possibly caused by " + latest.type() + " " + latest.subject();
    }
    return PlatformEvent.of(
        time,
        "anomaly.detected",
        namespace,
        "AnomalyMonitor/" + name,
        spec.service(),
        message,
        attributes);
  }
}
