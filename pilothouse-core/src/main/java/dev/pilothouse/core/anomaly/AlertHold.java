package dev.pilothouse.core.anomaly;

/**
 * Reports nothing for {@code holdPoints} points after a reported alert-sized score (at or above
 * {@code alertLevel}), like an alert's re-notify interval. An onset filter passes a score that
 * beats the recent scores, so a second, larger report of the same incident a few points later still
 * gets through; NAB charges it as a false positive whenever the incident lies outside a labelled
 * window (and earns nothing for it inside one), and an on-call human gains nothing from it either.
 * Non-finite values score 0 and do not advance the hold.
 */
public final class AlertHold implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final int holdPoints;
  private final double alertLevel;
  private long sinceAlert = Long.MAX_VALUE;

  /**
   * @param inner the detector whose alerts are held
   * @param holdPoints how many points after an alert report 0, non-negative
   * @param alertLevel in (0, 1]: a reported score at or above it starts a hold
   */
  public AlertHold(AnomalyDetector inner, int holdPoints, double alertLevel) {
    if (holdPoints < 0) {
      throw new IllegalArgumentException("holdPoints must be non-negative, got " + holdPoints);
    }
    if (!(alertLevel > 0 && alertLevel <= 1)) {
      throw new IllegalArgumentException("alertLevel must lie in (0, 1], got " + alertLevel);
    }
    this.inner = inner;
    this.holdPoints = holdPoints;
    this.alertLevel = alertLevel;
  }

  @Override
  public double score(long epochSeconds, double value) {
    double s = Math.clamp(inner.score(epochSeconds, value), 0.0, 1.0);
    if (!Double.isFinite(value)) {
      return 0;
    }
    if (sinceAlert < Long.MAX_VALUE) {
      sinceAlert++;
    }
    if (sinceAlert <= holdPoints) {
      return 0;
    }
    if (s >= alertLevel) {
      sinceAlert = 0;
    }
    return s;
  }
}
