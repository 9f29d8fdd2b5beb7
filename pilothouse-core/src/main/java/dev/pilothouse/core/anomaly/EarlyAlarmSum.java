package dev.pilothouse.core.anomaly;

/**
 * A model's score plus a deviation view's score, weighted and clamped to [0, 1], except that an
 * extreme deviation (at or above {@code extremeBar}) is reported at its own full value. A model
 * that reports only after it has summarised several raw points (the resonance model closes a level
 * of about P/104 points first) then alerts on the raw point of an extreme jump, and an onset filter
 * behind this detector drops the model's later report of the same incident.
 */
public final class EarlyAlarmSum implements AnomalyDetector {
  private final AnomalyDetector model;
  private final AnomalyDetector deviation;
  private final double deviationWeight;
  private final double extremeBar;

  /**
   * @param model the main detector, weighted {@code 1 - deviationWeight}
   * @param deviation the raw-point deviation view, weighted {@code deviationWeight}
   * @param deviationWeight in [0, 1]
   * @param extremeBar in (0, 1]: a deviation score at or above it is reported unweighted
   */
  public EarlyAlarmSum(
      AnomalyDetector model, AnomalyDetector deviation, double deviationWeight, double extremeBar) {
    if (!(deviationWeight >= 0 && deviationWeight <= 1)) {
      throw new IllegalArgumentException(
          "deviationWeight must lie in [0, 1], got " + deviationWeight);
    }
    if (!(extremeBar > 0 && extremeBar <= 1)) {
      throw new IllegalArgumentException("extremeBar must lie in (0, 1], got " + extremeBar);
    }
    this.model = model;
    this.deviation = deviation;
    this.deviationWeight = deviationWeight;
    this.extremeBar = extremeBar;
  }

  @Override
  public double score(long epochSeconds, double value) {
    double m = Math.clamp(model.score(epochSeconds, value), 0.0, 1.0);
    double d = Math.clamp(deviation.score(epochSeconds, value), 0.0, 1.0);
    double sum = (1 - deviationWeight) * m + deviationWeight * d;
    return d >= extremeBar ? Math.max(sum, d) : sum;
  }
}
