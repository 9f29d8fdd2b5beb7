package dev.pilothouse.core.delivery;

import java.time.Instant;

/** Entry point of the delivery engine: {@code plan(name, spec, status, observed, now)}. */
public final class RolloutPlanner {
  private RolloutPlanner() {}

  /** Plans one reconcile of a rollout named {@code name}. Pure. */
  public static Plan plan(
      String name, RolloutSpec spec, RolloutStatus status, Observed observed, Instant now) {
    return switch (spec.strategy()) {
      case Strategy.Canary canary -> CanaryPlanner.plan(name, spec, canary, status, observed, now);
      case Strategy.BlueGreen blueGreen ->
          BlueGreenPlanner.plan(name, spec, blueGreen, status, observed, now);
    };
  }
}
