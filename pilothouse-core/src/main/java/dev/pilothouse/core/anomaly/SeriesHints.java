package dev.pilothouse.core.anomaly;

/**
 * What a detector may know about a series before it starts, as NAB's detector protocol gives every
 * detector (its base detector receives {@code inputMin}, {@code inputMax} and {@code
 * probationaryPeriod}): the series' value range and how many leading points are learning time
 * (nothing there is scored as an alert). In the product the same hints come from the history a
 * monitor reads when it starts following a series.
 *
 * <p>Hints are advice, never trusted: a range that is empty, inverted or not finite is ignored
 * ({@link #hasRange()}), values outside the range still arrive and must be handled, and a learning
 * length of zero means "size yourself as without hints".
 *
 * @param min the smallest value expected
 * @param max the largest value expected
 * @param learningPoints leading points that are learning time; 0 when unknown
 */
public record SeriesHints(double min, double max, int learningPoints) {
  /** No hints: the strict streaming setting (running range, fixed sizes). */
  public static final SeriesHints NONE = new SeriesHints(Double.NaN, Double.NaN, 0);

  /** Clamps a negative learning length to 0 (unknown). */
  public SeriesHints {
    learningPoints = Math.max(0, learningPoints);
  }

  /** Whether the range is usable: min &lt; max and both ends and their distance finite. */
  public boolean hasRange() {
    return min < max && Double.isFinite(max - min);
  }
}
