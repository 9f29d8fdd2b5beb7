package dev.pilothouse.core.anomaly;

/**
 * Baseline: how far the new value lies from the mean of the last {@code window} values, in standard
 * deviations, mapped to a two-sided probability erf(|z|/√2). Memory is the window.
 */
public final class WindowedGaussian implements AnomalyDetector {
  private final RollingStats stats;
  private final double scale;

  /** NAB's baseline: the last {@code window} finite values, probability scale. */
  public WindowedGaussian(int window) {
    this(window, 0);
  }

  /** The last {@code window} finite values, tanh(|z| / scale) scale when scale > 0. */
  public WindowedGaussian(int window, double scale) {
    this.stats = new RollingStats(window);
    this.scale = scale;
  }

  @Override
  public double score(long epochSeconds, double value) {
    if (!Double.isFinite(value)) {
      return 0; // missing data is not evidence of an anomaly
    }
    double score = 0;
    if (stats.count() >= 2) {
      double sd = Math.sqrt(stats.variance());
      double d = Math.abs(value - stats.mean());
      score = sd > 0 ? map(d / sd) : (d > 0 ? 1 : 0);
    }
    stats.add(value);
    return Math.clamp(score, 0.0, 1.0);
  }

  private double map(double z) {
    return scale > 0 ? Math.tanh(z / scale) : 1 - 2 * Gaussian.tail(z);
  }
}
