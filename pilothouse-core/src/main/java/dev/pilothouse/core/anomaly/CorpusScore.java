package dev.pilothouse.core.anomaly;

/**
 * A detector's score over a whole corpus under one profile at one threshold.
 *
 * @param profile the cost matrix
 * @param theta the threshold: rows with score >= theta are detections
 * @param total summed raw score and row counts
 * @param windowCount number of windows in the labels (the normalisation base)
 */
public record CorpusScore(CostProfile profile, double theta, FileScore total, int windowCount) {
  /** Raw (un-normalised) score. */
  public double raw() {
    return total.score();
  }

  /** Score on NAB's 0 (null detector) .. 100 (perfect detector) scale. */
  public double nab() {
    return profile.normalise(total.score(), windowCount);
  }
}
