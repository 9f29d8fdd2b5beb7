package dev.pilothouse.core.resource;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A watch that first replays a list as ADDED events, then continues with a live watch. */
final class PrefixedWatch implements Watch {
  private final Deque<Resource> initial;
  private final Watch live;

  PrefixedWatch(List<Resource> initial, Watch live) {
    this.initial = new ArrayDeque<>(initial);
    this.live = live;
  }

  @Override
  public WatchEvent next(Duration timeout) throws InterruptedException {
    Resource first = initial.poll();
    return first != null ? new WatchEvent(WatchEvent.Type.ADDED, first) : live.next(timeout);
  }

  @Override
  public void close() {
    live.close();
  }
}
