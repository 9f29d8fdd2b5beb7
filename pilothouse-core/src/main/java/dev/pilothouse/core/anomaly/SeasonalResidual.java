package dev.pilothouse.core.anomaly;

/**
 * Feeds the inner detector the value minus a time-of-day baseline: the day is cut into {@code
 * buckets} equal slots by the point's timestamp, and each slot keeps an exponentially weighted mean
 * of the values seen in it. A daily peak then looks normal at its usual hour and unusual at any
 * other. Slots not seen yet fall back to the mean over all slots. O(1) work, fixed state.
 */
public final class SeasonalResidual implements AnomalyDetector {
  private static final long DAY = 86_400;

  private final AnomalyDetector inner;
  private final double alpha;
  private final double[] mean;
  private final boolean[] seen;
  private double overall = Double.NaN;

  /**
   * @param inner the detector that scores the residuals
   * @param buckets slots per day
   * @param alpha weight of the newest value in its slot's mean, in (0, 1]
   */
  public SeasonalResidual(AnomalyDetector inner, int buckets, double alpha) {
    if (buckets < 1 || !(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("need buckets >= 1 and alpha in (0, 1]");
    }
    this.inner = inner;
    this.alpha = alpha;
    this.mean = new double[buckets];
    this.seen = new boolean[buckets];
  }

  @Override
  public double score(long epochSeconds, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    int b = (int) (Math.floorMod(epochSeconds, DAY) * mean.length / DAY);
    if (Double.isNaN(overall)) {
      overall = value;
    }
    double baseline = seen[b] ? mean[b] : overall;
    double residual = value - baseline;
    mean[b] = baseline + alpha * residual;
    seen[b] = true;
    overall += alpha / mean.length * (value - overall);
    return inner.score(epochSeconds, residual);
  }
}
