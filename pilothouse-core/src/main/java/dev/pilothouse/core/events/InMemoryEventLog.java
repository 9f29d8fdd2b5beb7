package dev.pilothouse.core.events;

import java.util.ArrayList;
import java.util.List;

/** In-memory {@link EventLog} for tests and engine runs without a database. */
public final class InMemoryEventLog implements EventLog {
  private final List<PlatformEvent> events = new ArrayList<>();

  @Override
  public synchronized PlatformEvent append(PlatformEvent e) {
    PlatformEvent stored =
        new PlatformEvent(
            events.size() + 1,
            e.time(),
            e.type(),
            e.namespace(),
            e.subject(),
            e.service(),
            e.cluster(),
            e.message(),
            e.attributes());
    events.add(stored);
    return stored;
  }

  @Override
  public synchronized List<PlatformEvent> query(EventQuery query) {
    List<PlatformEvent> result = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0 && result.size() < query.limit(); i--) {
      if (query.matches(events.get(i))) {
        result.add(events.get(i));
      }
    }
    return result;
  }
}
