package dev.pilothouse.core.delivery;

/**
 * Replica counts for a canary at a weight. Without a traffic router the replica ratio is the
 * traffic split (canary = ceil(replicas × weight / 100), stable = the rest); with one, stable stays
 * at full size and the canary follows the weight unless setCanaryScale overrides it.
 */
final class Replicas {
  private Replicas() {}

  static int canary(RolloutSpec spec, Strategy.Canary canary, int weight, Draft d) {
    if (canary.trafficRouting() && d.canaryScale.isPresent()) {
      CanaryStep.SetCanaryScale s = d.canaryScale.get();
      if (s.replicas().isPresent()) {
        return s.replicas().get();
      }
      if (s.weight().isPresent()) {
        return ofWeight(spec.replicas(), s.weight().get());
      }
    }
    return ofWeight(spec.replicas(), weight);
  }

  static int stable(RolloutSpec spec, Strategy.Canary canary, int weight) {
    return canary.trafficRouting()
        ? spec.replicas()
        : Math.max(0, spec.replicas() - ofWeight(spec.replicas(), weight));
  }

  private static int ofWeight(int replicas, int weight) {
    return (int) Math.ceil(replicas * weight / 100.0);
  }
}
