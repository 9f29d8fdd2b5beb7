package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Port: sets how a rollout's traffic is split between its stable and canary revisions. The default
 * router does nothing because, without traffic routing, the replica counts are the split; a Gateway
 * API router sets {@code HTTPRoute} backend weights and the local runtime's proxy sets its route
 * weights. Called with every {@link Action.RouteTraffic}; implementations must be idempotent.
 */
@FunctionalInterface
public interface TrafficRouter {

  /** Replica-ratio canary: the planner's replica counts already are the traffic split. */
  TrafficRouter REPLICA_RATIO = (target, weight) -> {};

  /**
   * Sends {@code canaryWeight} percent of the rollout's traffic to the canary, the rest to stable.
   *
   * @throws RuntimeException when the route cannot be written (the reconcile is retried)
   */
  void route(Target target, int canaryWeight);

  /**
   * What a router needs to know about the rollout.
   *
   * @param trafficRouting the rollout's {@code spec.strategy.canary.trafficRouting} (missing node
   *     when absent)
   */
  record Target(
      String namespace,
      String rollout,
      String stableService,
      String canaryService,
      String stableHash,
      String canaryHash,
      JsonNode trafficRouting) {}
}
