package dev.pilothouse.core.anomaly;

/**
 * Maps the inner detector's score s to tanh(k·s): a detector whose scores sit low is moved onto the
 * scale of the others (k·s for small s) without clamping, so the order of large scores, which an
 * {@link OnsetFilter} compares, is kept. The result stays in [0, 1) for scores in [0, 1].
 */
public final class Saturating implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final double k;

  /**
   * @param inner the detector to rescale
   * @param k the slope at 0, positive and finite
   */
  public Saturating(AnomalyDetector inner, double k) {
    if (!(k > 0 && Double.isFinite(k))) {
      throw new IllegalArgumentException("k must be positive and finite, got " + k);
    }
    this.inner = inner;
    this.k = k;
  }

  @Override
  public double score(long epochSeconds, double value) {
    return Math.clamp(Math.tanh(k * inner.score(epochSeconds, value)), 0.0, 1.0);
  }
}
