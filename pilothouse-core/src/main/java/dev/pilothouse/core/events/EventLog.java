package dev.pilothouse.core.events;

import java.util.List;

/** Port: the platform's one timeline of events. */
public interface EventLog {

  /** Stores an event and returns it with its id. */
  PlatformEvent append(PlatformEvent event);

  /** Matching events, newest first. */
  List<PlatformEvent> query(EventQuery query);
}
