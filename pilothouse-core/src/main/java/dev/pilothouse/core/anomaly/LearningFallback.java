package dev.pilothouse.core.anomaly;

/**
 * Covers a detector's learning period with a second one: for the first {@code points} finite values
 * the score is the larger of the two, afterwards the primary's alone (the fallback is then no
 * longer fed). A model that must learn a series' shapes before it can alert (for hundreds of points
 * after a monitor starts on a new series) leaves no blind spot for a plain jump, and once it has
 * learned, the fallback's false alerts no longer count.
 */
public final class LearningFallback implements AnomalyDetector {
  private final AnomalyDetector primary;
  private final AnomalyDetector fallback;
  private final long points;
  private long seen;

  /**
   * @param primary the detector that is learning
   * @param fallback the detector that covers the learning period
   * @param points how many finite values the learning period lasts, non-negative
   */
  public LearningFallback(AnomalyDetector primary, AnomalyDetector fallback, long points) {
    if (points < 0) {
      throw new IllegalArgumentException("points must be non-negative, got " + points);
    }
    this.primary = primary;
    this.fallback = fallback;
    this.points = points;
  }

  @Override
  public double score(long epochSeconds, double value) {
    double s = primary.score(epochSeconds, value);
    if (seen >= points) {
      return s;
    }
    if (Double.isFinite(value)) {
      seen++;
    }
    return Math.max(s, fallback.score(epochSeconds, value));
  }
}
