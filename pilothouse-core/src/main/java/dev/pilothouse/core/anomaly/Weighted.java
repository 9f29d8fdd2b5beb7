package dev.pilothouse.core.anomaly;

/**
 * Multiplies the inner detector's score by a fixed weight, clamped to [0, 1]: a weight below 1
 * makes a noisier member of a {@link MaxEnsemble} win only when it is very sure; a weight above 1
 * moves a detector whose scores sit low onto the scale of the others.
 */
public final class Weighted implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final double weight;

  /**
   * @param inner the detector to scale
   * @param weight factor, non-negative and finite
   */
  public Weighted(AnomalyDetector inner, double weight) {
    if (!(weight >= 0 && Double.isFinite(weight))) {
      throw new IllegalArgumentException("weight must be non-negative and finite, got " + weight);
    }
    this.inner = inner;
    this.weight = weight;
  }

  @Override
  public double score(long epochSeconds, double value) {
    return Math.clamp(weight * inner.score(epochSeconds, value), 0.0, 1.0);
  }
}
