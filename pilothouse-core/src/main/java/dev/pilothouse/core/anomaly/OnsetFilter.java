package dev.pilothouse.core.anomaly;

/**
 * Keeps a score only when it exceeds every score of the inner detector in the last {@code
 * refractory} points, and multiplies it by {@code damping} otherwise. An incident then raises one
 * alert at its onset instead of a burst: NAB (like an on-call human) gains nothing from a second
 * alert in the same window but pays for every alert outside one.
 */
public final class OnsetFilter implements AnomalyDetector {
  private final AnomalyDetector inner;
  private final SlidingMax recentMax;
  private final double damping;

  /**
   * @param inner the detector whose scores are filtered
   * @param refractory how many past points a new score must beat
   * @param damping factor in [0, 1] for scores that do not beat them
   */
  public OnsetFilter(AnomalyDetector inner, int refractory, double damping) {
    this.inner = inner;
    this.recentMax = new SlidingMax(Math.max(1, refractory));
    this.damping = damping;
  }

  @Override
  public double score(long epochSeconds, double value) {
    double s = inner.score(epochSeconds, value);
    double out = s > recentMax.max() ? s : s * damping;
    recentMax.add(s);
    return Math.clamp(out, 0.0, 1.0);
  }
}
