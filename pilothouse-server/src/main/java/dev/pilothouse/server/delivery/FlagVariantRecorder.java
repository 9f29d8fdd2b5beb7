package dev.pilothouse.server.delivery;

import dev.pilothouse.core.delivery.FlagVariantEvents;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a {@link FlagVariantEvents} event whenever a committed Rollout change sets a flag
 * rollout's variants (create, edit, undo; through any API), so its history can name who started
 * each update.
 */
public final class FlagVariantRecorder implements ResourceService.ChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(FlagVariantRecorder.class);

  private final EventLog events;
  private final Clock clock;

  /** Creates the recorder; register it with {@link ResourceService#addChangeListener}. */
  public FlagVariantRecorder(EventLog events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void changed(KindInfo kind, Resource before, Resource after, Actor actor) {
    if (after == null || !kind.kind().equals("Rollout") || !kind.group().equals("argoproj.io")) {
      return;
    }
    try {
      FlagVariantEvents.between(
              after.namespace(),
              after.name(),
              before == null ? null : before.json(),
              after.json(),
              actor.subject(),
              clock.instant())
          .ifPresent(events::append);
    } catch (RuntimeException e) {
      // The change itself is committed; a lost event must not turn it into a failed request.
      LOG.atError()
          .setCause(e)
          .addKeyValue("rollout", after.namespace() + "/" + after.name())
          .log("could not record flag rollout variant event");
    }
  }
}
