package dev.pilothouse.core.anomaly;

/**
 * Feeds the inner detector the one-step prediction error of an exponentially weighted moving
 * average instead of the value: the forecast is made before the point is seen, so a level-based
 * model downstream sees how surprising the point is given the recent trajectory (a jump, a drop, a
 * broken rhythm) rather than where its level lies. O(1) work and state.
 */
public final class EwmaResidual implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final double alpha;
  private double forecast = Double.NaN;

  /**
   * @param inner the detector that scores the residuals
   * @param alpha smoothing weight of the newest value, in (0, 1]; 1 makes this first differences
   */
  public EwmaResidual(AnomalyDetector inner, double alpha) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    this.inner = inner;
    this.alpha = alpha;
  }

  @Override
  public double score(long epochSeconds, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    if (Double.isNaN(forecast)) {
      forecast = value;
    }
    double residual = value - forecast;
    forecast += alpha * residual;
    return inner.score(epochSeconds, residual);
  }
}
