package dev.pilothouse.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.flags.FeatureFlagSets;
import dev.pilothouse.core.flags.FlagChanges;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.server.observe.ChangeEventRecorder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records every committed FeatureFlagSet change as platform events, one per changed flag ({@link
 * FlagChanges}), whichever way it was written: the flags API, the portal, {@code apply} or the
 * resource API. Flag history and incident correlation read these events.
 */
public final class FlagEventRecorder extends ChangeEventRecorder {
  /** Creates the recorder; register it with the resource service's change listeners. */
  public FlagEventRecorder(EventLog events, Clock clock) {
    super("pilothouse.dev", FeatureFlagSets.KIND, events, clock);
  }

  @Override
  protected List<PlatformEvent> eventsFor(
      Resource before, Resource after, Actor actor, Instant now) {
    Resource any = after != null ? after : before;
    return FlagChanges.between(
        any.namespace(),
        any.name(),
        spec(before),
        spec(after),
        actor.subject(),
        after == null ? 0 : after.resourceVersion(),
        now);
  }

  private static JsonNode spec(Resource r) {
    return r == null ? null : r.json().get("spec");
  }
}
