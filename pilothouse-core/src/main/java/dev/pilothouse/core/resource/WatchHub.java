package dev.pilothouse.core.resource;

import dev.pilothouse.core.error.GoneException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * Fans committed changes out to open watches. A store publishes each committed change exactly once,
 * in resourceVersion order; a new watch first receives the retained history after its starting
 * version, then live changes, with no gap and no duplicate because registration and history loading
 * happen under the same lock as publication.
 */
public final class WatchHub {
  /** Loads retained changes after {@code fromVersion} up to and including {@code toVersion}. */
  public interface History {
    /**
     * @throws GoneException when {@code fromVersion} is older than what is retained
     */
    List<StoredEvent> between(long fromVersion, long toVersion);
  }

  /** A committed change with the key it applies to. */
  public record StoredEvent(ResourceKey key, WatchEvent event) {}

  private final int queueCapacity;
  private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
  private long publishedUpTo;

  /**
   * @param queueCapacity events a watch may have undelivered before it is dropped as too slow
   * @param publishedUpTo the store's resourceVersion at start (history before it is not live)
   */
  public WatchHub(int queueCapacity, long publishedUpTo) {
    this.queueCapacity = queueCapacity;
    this.publishedUpTo = publishedUpTo;
  }

  /** Delivers committed changes (in resourceVersion order) to every matching watch. */
  public synchronized void publish(List<StoredEvent> events) {
    for (StoredEvent e : events) {
      long rv = e.event().object().resourceVersion();
      if (rv <= publishedUpTo) {
        continue;
      }
      publishedUpTo = rv;
      for (Subscriber s : subscribers) {
        s.offer(e);
      }
    }
  }

  /** The highest resourceVersion published so far. */
  public synchronized long publishedUpTo() {
    return publishedUpTo;
  }

  /** Opens a watch from {@code fromVersion}, replaying retained history first. */
  public synchronized Watch open(ResourceQuery query, long fromVersion, History history) {
    Subscriber s = new Subscriber(query, new ArrayBlockingQueue<>(queueCapacity));
    s.lastQueued = fromVersion;
    if (fromVersion < publishedUpTo) {
      for (StoredEvent e : history.between(fromVersion, publishedUpTo)) {
        s.offer(e);
      }
    }
    subscribers.add(s);
    return s;
  }

  /** Number of open watches (for metrics). */
  public int openWatches() {
    return subscribers.size();
  }

  private final class Subscriber implements Watch {
    private final ResourceQuery query;
    private final BlockingQueue<WatchEvent> queue;
    private volatile boolean overflowed;
    private long lastQueued;

    Subscriber(ResourceQuery query, BlockingQueue<WatchEvent> queue) {
      this.query = query;
      this.queue = queue;
    }

    void offer(StoredEvent e) {
      long rv = e.event().object().resourceVersion();
      if (rv <= lastQueued || !query.matches(e.key(), e.event().object())) {
        return;
      }
      lastQueued = rv;
      if (!queue.offer(e.event())) {
        overflowed = true;
        subscribers.remove(this);
      }
    }

    @Override
    public WatchEvent next(Duration timeout) throws InterruptedException {
      WatchEvent event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (event == null && overflowed) {
        throw new GoneException("watch fell too far behind; list again and resume from there");
      }
      return event;
    }

    @Override
    public void close() {
      subscribers.remove(this);
    }
  }
}
