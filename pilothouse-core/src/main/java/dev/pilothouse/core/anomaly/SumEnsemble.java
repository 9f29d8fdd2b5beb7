package dev.pilothouse.core.anomaly;

import java.util.List;

/**
 * Feeds every point to all members and reports the sum of their scores, clamped to [0, 1]. Members
 * are usually {@link Weighted} with weights summing to 1. Unlike {@link MaxEnsemble}, a second view
 * does not raise alerts of its own unless its weight alone reaches the threshold: it re-orders the
 * first view's alerts, so that at one threshold a confident novelty backed by a large deviation
 * outranks one without.
 */
public final class SumEnsemble implements AnomalyDetector {
  private final List<AnomalyDetector> members;

  /** An ensemble of fresh member detectors. */
  public SumEnsemble(List<AnomalyDetector> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    this.members = List.copyOf(members);
  }

  @Override
  public double score(long epochSeconds, double value) {
    double sum = 0;
    for (AnomalyDetector m : members) {
      sum += m.score(epochSeconds, value);
    }
    return Math.clamp(sum, 0.0, 1.0);
  }
}
