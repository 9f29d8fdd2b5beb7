package dev.pilothouse.core.anomaly;

import java.util.List;

/**
 * Feeds every point to all members and reports the highest score: an alert if any view of the
 * series finds the point unusual. Members should be on comparable scales.
 */
public final class MaxEnsemble implements AnomalyDetector {
  private final List<AnomalyDetector> members;

  /** An ensemble of fresh member detectors. */
  public MaxEnsemble(List<AnomalyDetector> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    this.members = List.copyOf(members);
  }

  @Override
  public double score(long epochSeconds, double value) {
    double best = 0;
    for (AnomalyDetector m : members) {
      best = Math.max(best, m.score(epochSeconds, value));
    }
    return best;
  }
}
