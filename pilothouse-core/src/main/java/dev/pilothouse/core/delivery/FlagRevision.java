package dev.pilothouse.core.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * One update of a flag rollout: the spec's variants changed (on create, an edit or an undo) and the
 * rollout moved the flag's split from {@code stableVariant} towards {@code canaryVariant}.
 *
 * @param revision 1, 2, ... in the order the updates started
 * @param hash the revision hash of the canary variant ({@link FlagRouting#hash})
 * @param started when the variants were changed
 * @param triggeredBy who changed them (the user who applied, edited or undid the rollout)
 * @param ended when the outcome was reached; empty while in progress
 */
public record FlagRevision(
    int revision,
    String canaryVariant,
    String stableVariant,
    String hash,
    Instant started,
    String triggeredBy,
    Outcome outcome,
    Optional<Instant> ended) {

  /** How an update ended. */
  public enum Outcome {
    /** Still running its steps (or paused). */
    IN_PROGRESS,
    /** The canary variant became stable. */
    PROMOTED,
    /** Traffic went back to the stable variant (analysis failed or {@code rollouts abort}). */
    ABORTED,
    /** An undo swapped the variants before this update was promoted. */
    UNDONE,
    /** Another variant change started a new update before this one was promoted. */
    REPLACED;

    /** Lower-case, dash-separated, as shown by the API and CLI. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
