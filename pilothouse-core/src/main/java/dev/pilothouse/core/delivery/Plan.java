package dev.pilothouse.core.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The result of planning one reconcile: the status to write, the actions to apply, and when to look
 * again at the latest if nothing else changes.
 */
public record Plan(RolloutStatus status, List<Action> actions, Optional<Duration> requeueAfter) {
  public Plan {
    actions = List.copyOf(actions);
  }
}
