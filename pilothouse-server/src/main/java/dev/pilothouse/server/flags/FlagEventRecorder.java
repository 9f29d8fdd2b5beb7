package dev.pilothouse.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.flags.FeatureFlagSets;
import dev.pilothouse.core.flags.FlagChanges;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every committed FeatureFlagSet change as platform events, one per changed flag ({@link
 * FlagChanges}), whichever way it was written: the flags API, the portal, {@code apply} or the
 * resource API. Flag history and incident correlation read these events.
 */
public final class FlagEventRecorder implements ResourceService.ChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(FlagEventRecorder.class);

  private final EventLog events;
  private final Clock clock;

  /** Creates the recorder; register it with {@link ResourceService#addChangeListener}. */
  public FlagEventRecorder(EventLog events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void changed(KindInfo kind, Resource before, Resource after, Actor actor) {
    if (!kind.kind().equals(FeatureFlagSets.KIND) || !kind.group().equals("pilothouse.dev")) {
      return;
    }
    Resource any = after != null ? after : before;
    try {
      for (PlatformEvent e :
          FlagChanges.between(
              any.namespace(),
              any.name(),
              spec(before),
              spec(after),
              actor.subject(),
              after == null ? 0 : after.resourceVersion(),
              clock.instant())) {
        events.append(e);
      }
    } catch (RuntimeException e) {
      // The change itself is committed; a lost event must not turn it into a failed request.
      LOG.atError()
          .setCause(e)
          .addKeyValue("flagSet", any.namespace() + "/" + any.name())
          .log("could not record flag change events");
    }
  }

  private static JsonNode spec(Resource r) {
    return r == null ? null : r.json().get("spec");
  }
}
