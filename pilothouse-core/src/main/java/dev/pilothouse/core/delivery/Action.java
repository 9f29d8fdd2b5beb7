package dev.pilothouse.core.delivery;

import java.time.Instant;

/** One change the applier makes so the world matches a rollout's plan. */
public sealed interface Action {

  /** Create the revision's ReplicaSet from the rollout's template if missing, and scale it. */
  record ScaleReplicaSet(String hash, int replicas) implements Action {}

  /** Schedule an older ReplicaSet's scale-down (Argo's scale-down-deadline annotation). */
  record ScheduleScaleDown(String hash, Instant at) implements Action {}

  /** Point a Service's selector at a revision. */
  record SelectRevision(String service, String hash) implements Action {}

  /** Set traffic weights through the traffic router (canary weight in percent). */
  record RouteTraffic(String canaryHash, String stableHash, int canaryWeight) implements Action {}

  /** Create an AnalysisRun from the referenced templates for a revision. */
  record StartAnalysis(
      String runName, AnalysisRef analysis, RolloutStatus.Purpose purpose, String hash)
      implements Action {
    /**
     * The run's arguments, with {@code podTemplateHashValue: Stable|Latest} resolved to the stable
     * revision's hash and this revision's.
     */
    public java.util.List<dev.pilothouse.core.analysis.AnalysisArg> resolvedArgs(
        String stableHash) {
      return analysis.args().stream()
          .map(arg ->
              new dev.pilothouse.core.analysis.AnalysisArg(
                  arg.name(),
                  switch (arg.podTemplateHashValue()) {
                    case "Stable" -> stableHash;
                    case "Latest" -> hash;
                    default -> arg.value();
                  },
                  null))
          .toList();
    }
  }

  /** Stop a running AnalysisRun (it ends with its current verdict). */
  record TerminateAnalysis(String runName) implements Action {}
}
