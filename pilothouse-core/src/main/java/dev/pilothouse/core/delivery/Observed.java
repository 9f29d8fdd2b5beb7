package dev.pilothouse.core.delivery;

import dev.pilothouse.core.analysis.AnalysisPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What exists in the cluster for one rollout: its ReplicaSets (by pod-template hash) and the phases
 * of its analysis runs.
 */
public record Observed(List<ReplicaSetState> replicaSets, Map<String, AnalysisPhase> analysisRuns) {
  public Observed {
    replicaSets = List.copyOf(replicaSets);
    analysisRuns = Map.copyOf(analysisRuns);
  }

  /**
   * One ReplicaSet.
   *
   * @param scaleDownAt when it is due to be scaled down, if scheduled
   */
  public record ReplicaSetState(
      String hash, int replicas, int readyReplicas, Optional<Instant> scaleDownAt) {}

  /** The ReplicaSet of a revision, if it exists. */
  public Optional<ReplicaSetState> replicaSet(String hash) {
    return replicaSets.stream().filter(r -> r.hash().equals(hash)).findFirst();
  }

  /** Ready replicas of a revision (0 when it has no ReplicaSet). */
  public int ready(String hash) {
    return replicaSet(hash).map(ReplicaSetState::readyReplicas).orElse(0);
  }

  /** The phase of an analysis run (Pending when it does not exist yet). */
  public AnalysisPhase analysis(String name) {
    return analysisRuns.getOrDefault(name, AnalysisPhase.Pending);
  }
}
