package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ValidationException;

/**
 * {@code undo} for a flag rollout, the counterpart of a pod rollout's "template back to the
 * previous revision". A flag rollout has two revisions that matter, its canary and stable variants,
 * so undo <b>swaps</b> {@code canaryVariant} and {@code stableVariant}:
 *
 * <ul>
 *   <li>during an update (or after an abort) the stable variant becomes the canary again, whose
 *       revision is the stable one: the rollout settles at once with 100% on the stable variant, as
 *       a pod rollout whose template goes back to the stable revision's;
 *   <li>after a completed update (the canary variant is stable) the variant it replaced becomes the
 *       canary: a new update runs the steps back to it, as Argo's undo of a promoted rollout does.
 * </ul>
 *
 * The variant that is stable now is read from {@code status.stableRS}, so an undo never points the
 * split at a variant the rollout did not come from. Pure: a rollout document in, the new one out.
 */
public final class FlagUndo {
  private static final String TO_REVISION = "toRevision";

  private FlagUndo() {}

  /**
   * The rollout with its variants swapped.
   *
   * @param rollout a flag rollout document ({@link FlagRouting#config} is present)
   * @param toRevision must be empty: a flag rollout is not undone to a numbered revision
   * @throws ValidationException naming {@code toRevision} when a revision number is given or there
   *     is no earlier variant, or {@code status.stableRS} when the stable revision is neither
   *     variant (the spec was edited since; set the variants by hand)
   */
  public static ObjectNode undo(JsonNode rollout, String toRevision) {
    FlagRouting routing =
        FlagRouting.of(
            FlagRouting.config(rollout)
                .orElseThrow(() -> new IllegalArgumentException("not a flag rollout")));
    if (!toRevision.isEmpty()) {
      throw ValidationException.of(
          TO_REVISION,
          "a flag rollout cannot be undone to a numbered revision (the numbers of `rollouts"
              + " history` are for reading): undo without it goes back to stableVariant '"
              + routing.stableVariant()
              + "'");
    }
    if (routing.canaryVariant().equals(routing.stableVariant())) {
      throw ValidationException.of(
          TO_REVISION,
          "there is no earlier revision: canaryVariant and stableVariant are both '"
              + routing.canaryVariant()
              + "'");
    }
    requireStableIsAVariant(rollout, routing);
    ObjectNode body = rollout.deepCopy();
    ObjectNode config = (ObjectNode) FlagRouting.config(body).orElseThrow();
    config.put("canaryVariant", routing.stableVariant());
    config.put("stableVariant", routing.canaryVariant());
    return body;
  }

  private static void requireStableIsAVariant(JsonNode rollout, FlagRouting routing) {
    // Before the first reconcile there is no stableRS: the spec's stable variant is stable.
    String stable = rollout.path("status").path("stableRS").asText("");
    if (stable.isEmpty()
        || stable.equals(routing.hash(routing.canaryVariant()))
        || stable.equals(routing.hash(routing.stableVariant()))) {
      return;
    }
    throw ValidationException.of(
        "status.stableRS",
        "the stable revision is neither canaryVariant '"
            + routing.canaryVariant()
            + "' nor stableVariant '"
            + routing.stableVariant()
            + "' (the spec was edited since it became stable): set the variants by hand");
  }
}
