package dev.pilothouse.core.anomaly;

import java.util.List;

/**
 * One NAB cost matrix. Weights are stored as positive magnitudes, as in NAB's {@code
 * profiles.json}; the scorer subtracts the FP and FN weights. NAB's tnWeight is never used by the
 * score, so it is not kept.
 *
 * @param name profile name, e.g. {@code standard}
 * @param tpWeight reward for the earliest detection in a window
 * @param fpWeight penalty scale for a detection outside every window
 * @param fnWeight penalty for a window without any detection
 */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
  /** NAB's {@code standard} profile. */
  public static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);

  /** NAB's {@code reward_low_FP_rate} profile. */
  public static final CostProfile REWARD_LOW_FP =
      new CostProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);

  /** NAB's {@code reward_low_FN_rate} profile. */
  public static final CostProfile REWARD_LOW_FN =
      new CostProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

  /** The three published profiles, in scoreboard order. */
  public static final List<CostProfile> NAB = List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);

  /** Raw score of the detector that fires nowhere: every window is a false negative. */
  public double nullScore(int windowCount) {
    return -fnWeight * windowCount;
  }

  /** Raw score of the detector that fires once, on the first row of every window. */
  public double perfectScore(int windowCount) {
    return tpWeight * windowCount;
  }

  /** Maps a raw corpus score to NAB's 0 (null detector) .. 100 (perfect detector) scale. */
  public double normalise(double raw, int windowCount) {
    double floor = nullScore(windowCount);
    return 100.0 * (raw - floor) / (perfectScore(windowCount) - floor);
  }
}
