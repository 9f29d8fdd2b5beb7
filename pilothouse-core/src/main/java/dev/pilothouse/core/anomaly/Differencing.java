package dev.pilothouse.core.anomaly;

/**
 * Feeds the inner detector the change since the previous finite value instead of the value, so a
 * level-based model sees sudden jumps and drops even where the level itself stays in range.
 */
public final class Differencing implements AnomalyDetector {
  private final AnomalyDetector inner;
  private double previous = Double.NaN;

  /** Wraps {@code inner}, which will see first differences. */
  public Differencing(AnomalyDetector inner) {
    this.inner = inner;
  }

  @Override
  public double score(long epochSeconds, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    double delta = Double.isNaN(previous) ? 0 : value - previous;
    previous = value;
    return inner.score(epochSeconds, delta);
  }
}
