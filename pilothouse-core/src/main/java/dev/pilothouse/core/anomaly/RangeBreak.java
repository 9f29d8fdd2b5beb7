package dev.pilothouse.core.anomaly;

/**
 * Scores {@code level} when a value leaves the range the series has shown so far by more than
 * {@code tolerance} times that range, and 0 otherwise (the "spatial anomaly" rule that NAB's HTM
 * detector adds to its sequence model): a metric that reaches a level it has never been near is
 * worth an alert whatever its history of noise. The first {@code learning} points only learn.
 */
public final class RangeBreak implements AnomalyDetector {
  private final double tolerance;
  private final int learning;
  private final double level;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long seen;

  /**
   * @param tolerance margin beyond the seen range, as a fraction of the range
   * @param learning initial points that never score
   * @param level the score of a range break, in [0, 1]
   */
  public RangeBreak(double tolerance, int learning, double level) {
    this.tolerance = tolerance;
    this.learning = learning;
    this.level = level;
  }

  @Override
  public double score(long epochSeconds, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    double margin = tolerance * (max - min);
    boolean broke =
        seen++ >= learning && max > min && (value > max + margin || value < min - margin);
    min = Math.min(min, value);
    max = Math.max(max, value);
    return broke ? level : 0;
  }
}
