package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.events.PlatformEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The {@value #TYPE} event: a flag rollout's {@code canaryVariant} or {@code stableVariant} was set
 * (create, edit, undo), with who set them. It is what starts an update of a flag rollout, and the
 * only fact of a flag rollout's history that the controller's own events ({@link RolloutEvents})
 * cannot know: the actor. Pure: rollout documents in, the event out.
 */
public final class FlagVariantEvents {
  /** The event type. */
  public static final String TYPE = "rollout.variants";

  private FlagVariantEvents() {}

  /**
   * The event for a change from {@code before} (null on create) to {@code after}, when {@code
   * after} is a flag rollout whose variants differ from {@code before}'s.
   */
  public static Optional<PlatformEvent> between(
      String namespace, String name, JsonNode before, JsonNode after, String actor, Instant now) {
    Optional<FlagRouting> next = routing(after);
    if (next.isEmpty() || next.equals(routing(before))) {
      return Optional.empty();
    }
    FlagRouting r = next.get();
    return Optional.of(
        PlatformEvent.of(
            now,
            TYPE,
            namespace,
            "Rollout/" + name,
            name,
            "flag " + r.flag() + ": " + r.stableVariant() + " -> " + r.canaryVariant(),
            Map.of(
                "flag", r.flag(),
                "canaryVariant", r.canaryVariant(),
                "stableVariant", r.stableVariant(),
                "revision", r.hash(r.canaryVariant()),
                "actor", actor)));
  }

  private static Optional<FlagRouting> routing(JsonNode rollout) {
    return rollout == null ? Optional.empty() : FlagRouting.config(rollout).map(FlagRouting::of);
  }
}
