package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The parts of an Argo {@code Rollout} spec the engine acts on, with Argo's defaults applied. The
 * full document is kept by the resource itself, so fields not modelled here are preserved.
 *
 * @param template the pod template (its hash identifies a revision); for a flag rollout, the flag
 *     and canary variant ({@link FlagRouting#template})
 * @param initialStableHash the revision that is stable before the first update, when the spec names
 *     it: a flag rollout's stable variant, so creating one starts shifting at once. Empty for pod
 *     rollouts, whose first revision becomes stable at once (there is nothing to compare it with).
 */
public record RolloutSpec(
    int replicas,
    JsonNode selector,
    JsonNode template,
    int revisionHistoryLimit,
    boolean paused,
    Duration progressDeadline,
    boolean progressDeadlineAbort,
    Strategy strategy,
    Optional<String> initialStableHash) {

  /** The hash that identifies the revision this spec's template describes. */
  public String templateHash() {
    return Revisions.hash(template);
  }

  /** How many canary steps the strategy has (0 for blue/green). */
  public int stepCount() {
    return strategy instanceof Strategy.Canary c ? c.steps().size() : 0;
  }
}
