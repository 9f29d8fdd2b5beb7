package dev.pilothouse.store;

import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.resource.WatchHub.StoredEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects recently read, kept current by the published event stream, so that gets of hot objects
 * need no database round trip.
 *
 * <p>Consistency model. Entries are filled from database reads and then changed only by events,
 * applied by the {@link EventTailer} in resourceVersion order <em>before</em> their versions count
 * as published. So an entry reflects every change to its object up to the published version. A get
 * may use the cache only when the published version has reached the newest version this process
 * committed ({@link #wrote}): it then sees every write this process has acknowledged
 * (read-your-writes) and never goes back in time. Otherwise it reads the database, exactly as
 * without a cache. Writes acknowledged by <em>other replicas</em> become visible here once this
 * replica's tailer publishes them (at once after a local commit, else within its poll interval),
 * which is the same guarantee watches give.
 *
 * <p>A fill races with events: the row may be read, then changed or deleted and that event applied,
 * and only then the (stale) fill stored. To rule that out, a fill carries the published version
 * seen before its read, and is refused when an event newer than that left no entry behind (a
 * deletion, a change to an uncached object, or an eviction): then the event may postdate the read.
 * Otherwise the entry, or its absence, is decided atomically per key with the events.
 */
final class ResourceCache {
  private static final int MAX_ENTRIES = 100_000;

  private record Entry(long version, Resource resource) {}

  private final Map<ResourceKey, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong lastLocalWrite = new AtomicLong();

  /** Newest event after which no entry reflects its change; fills read before it are refused. */
  private volatile long uncachedThrough;

  /** Newest version applied (tailer thread only). */
  private long appliedThrough;

  /**
   * Records a write this process committed, before it is acknowledged (or the version drawn by a
   * write refused because the object changed elsewhere): gets bypass the cache until it is
   * published.
   */
  void wrote(long version) {
    lastLocalWrite.accumulateAndGet(version, Math::max);
  }

  /**
   * The cached object, or null when the caller must read the database (not cached, or the published
   * version has not yet reached this process's own writes).
   */
  Resource get(ResourceKey key, long published) {
    if (published < lastLocalWrite.get()) {
      return null;
    }
    Entry entry = entries.get(key);
    return entry == null ? null : entry.resource();
  }

  /**
   * Stores a row read from the database.
   *
   * @param publishedBeforeRead the published version read before the database read began
   */
  void fill(ResourceKey key, Resource resource, long publishedBeforeRead) {
    if (entries.size() >= MAX_ENTRIES) {
      return; // full: the next batch of events clears it
    }
    long version = resource.resourceVersion();
    entries.compute(
        key,
        (k, old) -> {
          if (publishedBeforeRead < uncachedThrough) {
            return old;
          }
          return old != null && old.version() >= version ? old : new Entry(version, resource);
        });
  }

  /** Applies published events, oldest first (tailer thread, before they count as published). */
  void apply(List<StoredEvent> events) {
    if (entries.size() > MAX_ENTRIES) {
      uncachedThrough = appliedThrough; // set before clearing: no fill read earlier gets in
      entries.clear();
    }
    for (StoredEvent e : events) {
      Resource object = e.event().object();
      long version = object.resourceVersion();
      boolean deleted = e.event().type() == WatchEvent.Type.DELETED;
      entries.compute(
          e.key(),
          (k, old) -> {
            if (old != null && old.version() >= version) {
              return old;
            }
            if (old == null || deleted) {
              uncachedThrough = Math.max(uncachedThrough, version);
              return null;
            }
            return new Entry(version, object);
          });
      appliedThrough = Math.max(appliedThrough, version);
    }
  }
}
