package dev.pilothouse.core.anomaly;

/**
 * Calibrates alerts across series by how often a series has alerted lately: each score is divided
 * by 1 + {@code k}·n, where n counts the inner scores at or above {@code level} with exponential
 * forgetting over {@code horizon} points. A quiet series keeps its scores; a series that keeps
 * producing alert-sized scores (a spiky social-media count, a square wave) needs ever clearer
 * evidence, as an on-call human would discount a pager that fires every day. The current score is
 * judged by the count before it, so a first alert is never damped.
 */
public final class AlarmBudget implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final double decay;
  private final double level;
  private final double k;
  private double recentAlerts;

  /**
   * @param inner the detector whose scores are calibrated (usually onset-filtered)
   * @param horizon points over which past alerts fade (e-folding), positive
   * @param level inner score that counts as an alert
   * @param k damping per recent alert, non-negative
   */
  public AlarmBudget(AnomalyDetector inner, double horizon, double level, double k) {
    if (!(horizon > 0) || !(k >= 0)) {
      throw new IllegalArgumentException("need horizon > 0 and k >= 0");
    }
    this.inner = inner;
    this.decay = Math.exp(-1.0 / horizon);
    this.level = level;
    this.k = k;
  }

  @Override
  public double score(long epochSeconds, double value) {
    double s = inner.score(epochSeconds, value);
    double out = s / (1 + k * recentAlerts);
    recentAlerts *= decay;
    if (s >= level) {
      recentAlerts += 1;
    }
    return Math.clamp(out, 0.0, 1.0);
  }
}
