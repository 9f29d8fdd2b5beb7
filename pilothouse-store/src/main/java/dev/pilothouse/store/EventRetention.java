package dev.pilothouse.store;

import java.time.Duration;

/**
 * How long watch events are kept for resumption: an event is compacted once it is older than {@code
 * maxAge} or no longer among the newest {@code maxEvents}.
 *
 * @param maxAge events older than this are removed
 * @param maxEvents at most this many events are kept
 */
public record EventRetention(Duration maxAge, long maxEvents) {
  /** 24 hours, at most one million events. */
  public static final EventRetention DEFAULT = new EventRetention(Duration.ofHours(24), 1_000_000);

  public EventRetention {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be at least 1");
    }
  }
}
