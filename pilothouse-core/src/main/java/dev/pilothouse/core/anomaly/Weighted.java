package dev.pilothouse.core.anomaly;

/**
 * Multiplies the inner detector's score by a fixed weight in [0, 1], so a noisier member of a
 * {@link MaxEnsemble} only wins when it is very sure.
 */
public final class Weighted implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final double weight;

  /**
   * @param inner the detector to scale
   * @param weight factor in [0, 1]
   */
  public Weighted(AnomalyDetector inner, double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("weight must be in [0, 1], got " + weight);
    }
    this.inner = inner;
    this.weight = weight;
  }

  @Override
  public double score(long epochSeconds, double value) {
    return Math.clamp(weight * inner.score(epochSeconds, value), 0.0, 1.0);
  }
}
