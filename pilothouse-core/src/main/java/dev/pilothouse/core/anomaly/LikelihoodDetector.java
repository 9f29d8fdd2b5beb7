package dev.pilothouse.core.anomaly;

/**
 * A raw detector followed by {@link AnomalyLikelihood}: raw scores become "how unusual is this
 * level of surprise for this series", which makes one threshold fit series of any noise level.
 */
public final class LikelihoodDetector implements AnomalyDetector {
  private final AnomalyDetector raw;
  private final AnomalyLikelihood likelihood;

  /**
   * @param raw the raw-score detector, fed every point
   * @param params likelihood settings
   */
  public LikelihoodDetector(AnomalyDetector raw, Params params) {
    this.raw = raw;
    this.likelihood =
        new AnomalyLikelihood(
            params.history(), params.shortWindow(), params.learning(), params.minStd());
  }

  /**
   * Settings of the likelihood stage.
   *
   * @param history length of the reference distribution of averaged raw scores
   * @param shortWindow raw scores averaged before comparing with the reference
   * @param learning initial points scored 0
   * @param minStd floor on the reference standard deviation
   */
  public record Params(int history, int shortWindow, int learning, double minStd) {}

  @Override
  public double score(long epochSeconds, double value) {
    return likelihood.next(raw.score(epochSeconds, value));
  }
}
