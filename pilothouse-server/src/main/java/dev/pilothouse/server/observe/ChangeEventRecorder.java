package dev.pilothouse.server.observe;

import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed changes of one kind into platform events, whichever way they were written (a
 * dedicated API, the portal, {@code apply} or the resource API). Subclasses say which events a
 * change makes; this class picks the kind and appends them. Register it with {@link
 * ResourceService#addChangeListener}.
 */
public abstract class ChangeEventRecorder implements ResourceService.ChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeEventRecorder.class);

  private final String group;
  private final String kind;
  private final EventLog events;
  private final Clock clock;

  /**
   * Records changes of {@code group}/{@code kind} into {@code events}, stamped by {@code clock}.
   */
  protected ChangeEventRecorder(String group, String kind, EventLog events, Clock clock) {
    this.group = group;
    this.kind = kind;
    this.events = events;
    this.clock = clock;
  }

  /**
   * The events one committed change makes.
   *
   * @param before the object before the change, null when it was created
   * @param after the object after the change, null when it was deleted
   */
  protected abstract List<PlatformEvent> eventsFor(
      Resource before, Resource after, Actor actor, Instant now);

  @Override
  public final void changed(KindInfo changed, Resource before, Resource after, Actor actor) {
    if (!changed.kind().equals(kind) || !changed.group().equals(group)) {
      return;
    }
    Resource any = after != null ? after : before;
    try {
      eventsFor(before, after, actor, clock.instant()).forEach(events::append);
    } catch (RuntimeException e) {
      // The change itself is committed; a lost event must not turn it into a failed request.
      LOG.atError()
          .setCause(e)
          .addKeyValue("object", kind + " " + any.namespace() + "/" + any.name())
          .log("could not record change events");
    }
  }
}
