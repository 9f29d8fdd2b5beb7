package dev.pilothouse.core.anomaly;

import java.util.Arrays;

/**
 * Moves a {@link FuzzyArt}'s vigilance with the series it learns (for {@link ResonanceDetector}).
 * The upper bound is the mean best match so far (capped at 0.97), the level at which an input
 * counts as well known. The lower bound, below which an input is novel, rises a fifth of the way
 * towards the weakest match of the last half period when every recent input cleared it; otherwise
 * it sinks by half the typical recent shortfall below the upper bound (shortfalls under 0.05
 * ignored, each capped at 0.37), but never below the mean match of past anomalies, so what was
 * novel once stays novel. Memory: two rings of about one period.
 */
final class VigilanceTracker {
  private static final double UPPER_CAP = 0.97;
  private static final double RISE = 0.19;
  private static final double SHORTFALL_FLOOR = 0.05;
  private static final double SHORTFALL_CAP = 0.37;
  private static final double MIN_DROP = 0.01;

  private final int period;
  private final double[] recentMatches;
  private final double[] shortfalls;
  private int recentHead;
  private int shortfallHead;
  private double matchSum;
  private long matchCount;
  private double anomalySum;
  private int anomalyCount;
  private double lastAnomalyMatch;
  private int lastUpdate;

  /**
   * @param period the learning period in levels; rings hold half of it and all of it
   */
  VigilanceTracker(int period) {
    this.period = period;
    this.recentMatches = new double[period / 2 + 1];
    this.shortfalls = new double[period + 1];
    Arrays.fill(recentMatches, 1);
  }

  /**
   * Records a best match and its shortfall below the current upper vigilance; inside an anomaly's
   * mask a weaker match lowers that anomaly's recorded match.
   */
  void observe(double match, double upper, boolean insideAnomalyMask) {
    matchSum += match;
    matchCount++;
    recentMatches[recentHead] = match;
    recentHead = (recentHead + 1) % recentMatches.length;
    shortfalls[shortfallHead] = upper - match;
    shortfallHead = (shortfallHead + 1) % shortfalls.length;
    if (insideAnomalyMask && anomalyCount > 0 && match < lastAnomalyMatch) {
      anomalySum += match - lastAnomalyMatch;
      lastAnomalyMatch = match;
    }
  }

  /** Records the match of a reported anomaly. */
  void anomaly(double match) {
    anomalySum += match;
    anomalyCount++;
    lastAnomalyMatch = match;
  }

  /** Whether half a period has passed since the last adaptation. */
  boolean due(int step) {
    return step - lastUpdate >= period / 2;
  }

  /** Sets new vigilance bounds on {@code art} at level {@code step}. */
  void adapt(FuzzyArt art, int step) {
    double weakest = Arrays.stream(recentMatches).min().orElse(1);
    double upper = Math.min(UPPER_CAP, matchSum / Math.max(1, matchCount));
    double lower = art.lowerVigilance();
    if (lower <= weakest) {
      lower += (weakest - lower) * RISE;
    } else {
      double drop = step > 2 * period ? typicalShortfall() : 0;
      lower -= Math.max(MIN_DROP, drop) / 2;
      if (anomalyCount > 0) {
        lower = Math.max(anomalySum / anomalyCount, lower);
      }
    }
    art.vigilance(Math.min(upper, lower), upper);
    lastUpdate = step;
  }

  private double typicalShortfall() {
    double sum = 0;
    int n = 0;
    for (double s : shortfalls) {
      if (s > SHORTFALL_FLOOR) {
        sum += Math.min(SHORTFALL_CAP, s);
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }
}
