package dev.pilothouse.core.anomaly;

/**
 * Turns a stream of raw anomaly scores into a calibrated "how unusual is this for this series"
 * score, after Ahmad et al. (2017): model the recent short-term average of raw scores as Gaussian
 * over a long history and report how far in its upper tail the current average lies, on a log scale
 * so that 0.5 means a tail probability near 1e-5. Because every series gets its own distribution,
 * one threshold works across series with very different raw-score levels.
 */
final class AnomalyLikelihood {
  private static final double LOG_FLOOR = Math.log(1e-10);

  private final RollingStats history;
  private final RollingStats recent;
  private final int learning;
  private final double minStd;
  private long seen;

  /**
   * @param historyLength how many short-term averages form the reference distribution
   * @param shortLength how many raw scores are averaged before comparison
   * @param learning points scored 0 while the reference distribution fills
   * @param minStd floor on the reference standard deviation, so a perfectly quiet history does not
   *     make the first wobble infinitely surprising
   */
  AnomalyLikelihood(int historyLength, int shortLength, int learning, double minStd) {
    history = new RollingStats(historyLength);
    recent = new RollingStats(Math.max(2, shortLength));
    this.learning = learning;
    this.minStd = minStd;
  }

  double next(double raw) {
    recent.add(raw);
    double average = recent.mean();
    double score = 0;
    if (seen++ >= learning) {
      double sd = Math.max(minStd, Math.sqrt(history.variance()));
      double tail = Gaussian.tail((average - history.mean()) / sd);
      score = Math.log(tail + 1e-10) / LOG_FLOOR;
    }
    history.add(average);
    return Math.clamp(score, 0.0, 1.0);
  }
}
