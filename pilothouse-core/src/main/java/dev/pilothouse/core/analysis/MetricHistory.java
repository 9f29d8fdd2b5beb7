package dev.pilothouse.core.analysis;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link MetricSource} returns for a look-back range of one series: its points, oldest
 * first, or why there are none (the provider keeps no history, the query matched several series,
 * the provider is down).
 */
public sealed interface MetricHistory {

  /**
   * One point of a series.
   *
   * @param time when it was measured
   * @param value its value (may be NaN or infinite, as Prometheus renders them)
   */
  record Point(Instant time, double value) {}

  /** The series' points in the range, oldest first (empty when the series has no data there). */
  record Points(List<Point> points) implements MetricHistory {
    /** Copies the list. */
    public Points {
      points = List.copyOf(points);
    }
  }

  /** No history, for {@code reason}. */
  record Unavailable(String reason) implements MetricHistory {}
}
