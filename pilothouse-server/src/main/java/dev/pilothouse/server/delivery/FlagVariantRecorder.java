package dev.pilothouse.server.delivery;

import dev.pilothouse.core.delivery.FlagVariantEvents;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.server.observe.ChangeEventRecorder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records a {@link FlagVariantEvents} event whenever a committed Rollout change sets a flag
 * rollout's variants (create, edit, undo; through any API), so its history can name who started
 * each update.
 */
public final class FlagVariantRecorder extends ChangeEventRecorder {
  /** Creates the recorder; register it with the resource service's change listeners. */
  public FlagVariantRecorder(EventLog events, Clock clock) {
    super("argoproj.io", "Rollout", events, clock);
  }

  @Override
  protected List<PlatformEvent> eventsFor(
      Resource before, Resource after, Actor actor, Instant now) {
    if (after == null) {
      return List.of();
    }
    return FlagVariantEvents.between(
            after.namespace(),
            after.name(),
            before == null ? null : before.json(),
            after.json(),
            actor.subject(),
            now)
        .stream()
        .toList();
  }
}
