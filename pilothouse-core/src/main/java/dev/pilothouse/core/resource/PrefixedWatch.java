package dev.pilothouse.core.resource;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A watch that first replays a list as ADDED events, then continues with a live watch. A store may
 * resume a list with a slightly older resourceVersion when writers raced it; live events at or
 * below a version the list already showed for that object are dropped, so consumers see each change
 * once.
 */
final class PrefixedWatch implements Watch {
  private final Deque<Resource> initial;
  private final Map<String, Long> listed = new HashMap<>();
  private final Watch live;

  PrefixedWatch(List<Resource> initial, Watch live) {
    this.initial = new ArrayDeque<>(initial);
    initial.forEach(r -> listed.put(r.namespace() + "/" + r.name(), r.resourceVersion()));
    this.live = live;
  }

  @Override
  public WatchEvent next(Duration timeout) throws InterruptedException {
    Resource first = initial.poll();
    if (first != null) {
      return new WatchEvent(WatchEvent.Type.ADDED, first);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      WatchEvent event = live.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (event == null || !alreadyListed(event.object())) {
        return event;
      }
    }
  }

  private boolean alreadyListed(Resource r) {
    Long seen = listed.get(r.namespace() + "/" + r.name());
    return seen != null && r.resourceVersion() <= seen;
  }

  @Override
  public void close() {
    live.close();
  }
}
