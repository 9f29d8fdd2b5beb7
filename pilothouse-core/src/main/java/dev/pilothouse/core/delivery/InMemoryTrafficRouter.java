package dev.pilothouse.core.delivery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TrafficRouter} for engine tests: remembers the last weight set per rollout. */
public final class InMemoryTrafficRouter implements TrafficRouter {
  private final Map<String, Integer> weights = new ConcurrentHashMap<>();

  @Override
  public void route(Target target, int canaryWeight) {
    weights.put(target.namespace() + "/" + target.rollout(), canaryWeight);
  }

  /** The canary weight last set for a rollout, if any. */
  public Optional<Integer> weight(String namespace, String rollout) {
    return Optional.ofNullable(weights.get(namespace + "/" + rollout));
  }
}
