package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/** One step of a canary strategy, as Argo Rollouts defines them. */
public sealed interface CanaryStep {

  /** Send {@code weight} percent of traffic (or replicas) to the canary. */
  record SetWeight(int weight) implements CanaryStep {}

  /** Wait for {@code duration}, or until promoted when empty. */
  record Pause(Optional<Duration> duration) implements CanaryStep {}

  /** Run an analysis and wait for its verdict. */
  record Analysis(AnalysisRef analysis) implements CanaryStep {}

  /**
   * Override the canary's replica count: a fixed number, a percentage of spec.replicas, or back to
   * matching the traffic weight.
   */
  record SetCanaryScale(
      Optional<Integer> replicas, Optional<Integer> weight, boolean matchTrafficWeight)
      implements CanaryStep {}

  /**
   * A step Pilothouse accepts and preserves but does not act on yet (experiment, setHeaderRoute,
   * setMirrorRoute, plugin): it completes at once and says so in the rollout's message.
   */
  record Unsupported(String type, JsonNode raw) implements CanaryStep {}
}
