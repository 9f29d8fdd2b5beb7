package dev.pilothouse.core.anomaly;

/**
 * Damps an alert that repeats one of this series' recent alerts: a score reported at a value level
 * (as a fraction of the series' range) within {@code tolerance} of a remembered alert's level, on
 * the same side of the recent mean, is multiplied by {@code damping}. A series that drops to zero
 * whenever a job stops, or peaks at the same ceiling every busy day, alerts the first time; the
 * next time the same excursion is known behaviour and must be clearer to be reported (in the spirit
 * of ARTime's memory of past anomalies). The range is the hinted one when usable, widened by the
 * values seen (hints are advice); without one, the range seen so far.
 *
 * <p>Memory is bounded: the last {@code capacity} alerts (scores at or above {@code alertLevel}).
 * Non-finite values score 0 and do not touch state.
 */
public final class AlertMemory implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final double tolerance;
  private final double damping;
  private final double alertLevel;
  private final RollingStats recent;
  private final double[] levels;
  private final boolean[] above;
  private int remembered;
  private int next;
  private double min;
  private double max;

  /**
   * @param inner the detector whose alerts are remembered
   * @param hints the series' range, if known (used when {@link SeriesHints#hasRange()})
   * @param tolerance how close two levels must be to count as the same, as a fraction of the range,
   *     in [0, 1]
   * @param damping factor in [0, 1] applied to a repeated alert
   * @param alertLevel in (0, 1]: a score at or above it is remembered
   * @param capacity how many alerts are remembered, at least 1
   * @param meanWindow how many recent values the mean that decides the side is taken over, at least
   *     2
   */
  public AlertMemory(
      AnomalyDetector inner,
      SeriesHints hints,
      double tolerance,
      double damping,
      double alertLevel,
      int capacity,
      int meanWindow) {
    requireIn("tolerance", tolerance, 0, 1);
    requireIn("damping", damping, 0, 1);
    if (!(alertLevel > 0 && alertLevel <= 1)) {
      throw new IllegalArgumentException("alertLevel must lie in (0, 1], got " + alertLevel);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.inner = inner;
    this.tolerance = tolerance;
    this.damping = damping;
    this.alertLevel = alertLevel;
    this.recent = new RollingStats(meanWindow);
    this.levels = new double[capacity];
    this.above = new boolean[capacity];
    this.min = hints.hasRange() ? hints.min() : Double.POSITIVE_INFINITY;
    this.max = hints.hasRange() ? hints.max() : Double.NEGATIVE_INFINITY;
  }

  private static void requireIn(String name, double x, double lo, double hi) {
    if (!(x >= lo && x <= hi)) {
      throw new IllegalArgumentException(name + " must lie in [" + lo + ", " + hi + "], got " + x);
    }
  }

  @Override
  public double score(long epochSeconds, double value) {
    double s = Math.clamp(inner.score(epochSeconds, value), 0.0, 1.0);
    if (!Double.isFinite(value)) {
      return 0;
    }
    boolean high = recent.count() == 0 || value >= recent.mean();
    recent.add(value);
    min = Math.min(min, value);
    max = Math.max(max, value);
    double span = max - min;
    double level = span > 0 && Double.isFinite(span) ? (value - min) / span : 0;
    double out = s > 0 && repeats(level, high) ? s * damping : s;
    if (s >= alertLevel) {
      levels[next] = level;
      above[next] = high;
      next = (next + 1) % levels.length;
      remembered = Math.min(remembered + 1, levels.length);
    }
    return out;
  }

  private boolean repeats(double level, boolean high) {
    for (int i = 0; i < remembered; i++) {
      if (above[i] == high && Math.abs(levels[i] - level) < tolerance) {
        return true;
      }
    }
    return false;
  }
}
