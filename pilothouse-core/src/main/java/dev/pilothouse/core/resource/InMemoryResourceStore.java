package dev.pilothouse.core.resource;

import dev.pilothouse.core.audit.AuditEntry;
import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.audit.InMemoryAuditLog;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.error.NotFoundException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory {@link ResourceStore} and {@link AuditLog} for engine tests: same contract as the
 * PostgreSQL store, one global lock, bounded event history.
 */
public final class InMemoryResourceStore implements ResourceStore, AuditLog {
  private final Map<ResourceKey, Resource> objects = new LinkedHashMap<>();
  private final Deque<WatchHub.StoredEvent> history = new ArrayDeque<>();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final WatchHub hub = new WatchHub(10_000, 0);
  private final int historyLimit;
  private final Clock clock;
  private long version;

  /** A store keeping at most {@code historyLimit} events for watch resumption. */
  public InMemoryResourceStore(int historyLimit, Clock clock) {
    this.historyLimit = historyLimit;
    this.clock = clock;
  }

  /** A store with ample history and the system clock. */
  public InMemoryResourceStore() {
    this(100_000, Clock.systemUTC());
  }

  @Override
  public synchronized Resource create(ResourceKey key, Resource resource, Actor actor) {
    if (objects.containsKey(key)) {
      throw new AlreadyExistsException(key + " already exists");
    }
    Resource stored = resource.withResourceVersion(++version);
    objects.put(key, stored);
    record(key, WatchEvent.Type.ADDED, stored, actor, "create", 0);
    return stored;
  }

  @Override
  public synchronized Optional<Resource> get(ResourceKey key) {
    return Optional.ofNullable(objects.get(key));
  }

  @Override
  public synchronized ResourceList list(ResourceQuery query) {
    List<Resource> items = new ArrayList<>();
    objects.forEach((key, r) -> {
      if (query.matches(key, r)) {
        items.add(r);
      }
    });
    items.sort(java.util.Comparator.comparing(Resource::namespace).thenComparing(Resource::name));
    return new ResourceList(items, version);
  }

  @Override
  public synchronized Resource update(
      ResourceKey key, long expectedVersion, Resource next, Actor actor) {
    Resource current = existing(key);
    if (current.resourceVersion() != expectedVersion) {
      throw conflict(key);
    }
    Resource stored = next.withResourceVersion(++version);
    objects.put(key, stored);
    record(key, WatchEvent.Type.MODIFIED, stored, actor, "update", expectedVersion);
    return stored;
  }

  /** All-or-nothing under the store's one lock: every precondition is checked before any write. */
  @Override
  public synchronized List<Resource> updateAll(List<Update> updates, Actor actor) {
    Update.requireDistinctKeys(updates);
    for (Update u : updates) {
      if (existing(u.key()).resourceVersion() != u.expectedVersion()) {
        throw conflict(u.key());
      }
    }
    return updates.stream()
        .map(u -> update(u.key(), u.expectedVersion(), u.next(), actor))
        .toList();
  }

  @Override
  public synchronized Resource delete(ResourceKey key, long expectedVersion, Actor actor) {
    Resource current = existing(key);
    if (expectedVersion != 0 && current.resourceVersion() != expectedVersion) {
      throw conflict(key);
    }
    objects.remove(key);
    Resource last = current.withResourceVersion(++version);
    record(key, WatchEvent.Type.DELETED, last, actor, "delete", current.resourceVersion());
    return last;
  }

  @Override
  public synchronized Watch watch(ResourceQuery query, long fromVersion) {
    return hub.open(query, fromVersion, this::between);
  }

  @Override
  public synchronized long currentVersion() {
    return version;
  }

  @Override
  public List<AuditEntry> recent(String namespace, int limit) {
    return audit.recent(namespace, limit);
  }

  private List<WatchHub.StoredEvent> between(long from, long to) {
    WatchHub.StoredEvent oldest = history.peekFirst();
    if (oldest != null && oldest.event().object().resourceVersion() > from + 1) {
      throw new GoneException("resourceVersion " + from + " is too old; list again");
    }
    return history.stream()
        .filter(e -> e.event().object().resourceVersion() > from)
        .filter(e -> e.event().object().resourceVersion() <= to)
        .toList();
  }

  private void record(
      ResourceKey key,
      WatchEvent.Type type,
      Resource object,
      Actor actor,
      String verb,
      long before) {
    WatchHub.StoredEvent event = new WatchHub.StoredEvent(key, new WatchEvent(type, object));
    history.addLast(event);
    while (history.size() > historyLimit) {
      history.removeFirst();
    }
    long after = type == WatchEvent.Type.DELETED ? 0 : object.resourceVersion();
    audit.append(
        new AuditEntry(
            clock.instant(),
            actor.subject(),
            verb,
            key.toString(),
            key.namespace(),
            before,
            after));
    hub.publish(List.of(event));
  }

  private Resource existing(ResourceKey key) {
    Resource current = objects.get(key);
    if (current == null) {
      throw new NotFoundException(key + " not found");
    }
    return current;
  }

  private static ConflictException conflict(ResourceKey key) {
    return new ConflictException(
        "the object "
            + key
            + " has been modified; read it again and apply your changes to the latest version");
  }
}
