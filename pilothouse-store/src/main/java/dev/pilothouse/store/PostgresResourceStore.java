package dev.pilothouse.store;

import dev.pilothouse.core.audit.AuditEntry;
import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.error.UnavailableException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceList;
import dev.pilothouse.core.resource.ResourceQuery;
import dev.pilothouse.core.resource.ResourceStore;
import dev.pilothouse.core.resource.Watch;
import dev.pilothouse.core.resource.WatchHub;
import dev.pilothouse.store.encryption.StorageEncryption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * {@link ResourceStore} and {@link AuditLog} on PostgreSQL. Each mutation is one transaction
 * writing the row, its event and its audit entry; an {@link EventTailer} publishes committed events
 * to watches in resourceVersion order. Close it before the {@link Database}.
 */
public final class PostgresResourceStore implements ResourceStore, AuditLog, AutoCloseable {
  private static final int WATCH_QUEUE = 10_000;
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration COMPACT_EVERY = Duration.ofMinutes(10);
  private static final int LIST_ATTEMPTS = 3;

  /**
   * Group-commit writers (see {@link CreateBatcher}): two, so one batch commits while the next
   * forms.
   */
  private static final int CREATE_WRITERS = 2;

  private final Jdbi jdbi;
  private final DataSource dataSource;
  private final Clock clock;
  private final EventRetention retention;
  private final ResourceWrites writes;
  private final EventHistory history;
  private final WatchHub hub;
  private final ResourceCache cache = new ResourceCache();
  private final EventTailer tailer;
  private final CreateBatcher creates;
  private final PostgresAuditLog audit;
  private final DocumentCodec codec;
  private volatile Instant lastCompaction;

  /**
   * Opens the store and starts publishing events.
   *
   * @param clock stamps audit entries and events, and drives retention
   * @param encryption encrypts the kinds it names at rest (object and event rows)
   */
  public PostgresResourceStore(
      Database database, Clock clock, EventRetention retention, StorageEncryption encryption) {
    this.codec = new DocumentCodec(encryption);
    this.jdbi = database.jdbi();
    this.dataSource = database.dataSource();
    this.clock = clock;
    this.retention = retention;
    // A refused write means another replica changed the object: until this replica has published
    // that change, gets read the database (so a retried patch does not meet the same stale state).
    this.writes = new ResourceWrites(clock, cache::wrote, codec);
    this.history = new EventHistory(jdbi, codec);
    this.audit = new PostgresAuditLog(database);
    this.lastCompaction = clock.instant();
    long start = EventTailer.initialWatermark(dataSource);
    this.hub = new WatchHub(WATCH_QUEUE, start);
    this.tailer =
        new EventTailer(
            dataSource, hub, cache::apply, start, POLL, this::compactPeriodically, codec);
    tailer.start();
    this.creates =
        new CreateBatcher(
            CREATE_WRITERS,
            items ->
                Jdbc.withConnection(dataSource, c -> BatchCreate.write(c, items, clock.instant())),
            this::committed);
  }

  /** Opens the store without encryption at rest. */
  public PostgresResourceStore(Database database, Clock clock, EventRetention retention) {
    this(database, clock, retention, StorageEncryption.none());
  }

  /** Opens the store with {@link EventRetention#DEFAULT} and without encryption at rest. */
  public PostgresResourceStore(Database database, Clock clock) {
    this(database, clock, EventRetention.DEFAULT);
  }

  /** Group-committed with concurrent creates (see {@link CreateBatcher}). */
  @Override
  public Resource create(ResourceKey key, Resource resource, Actor actor) {
    BatchCreate.Item item = BatchCreate.Item.of(key, resource, actor, codec);
    return CreateOutcome.unwrap(creates.create(item), item);
  }

  /** Served from the {@link ResourceCache} when that is consistent (see its consistency model). */
  @Override
  public Optional<Resource> get(ResourceKey key) {
    long published = tailer.publishedVersion();
    Resource cached = cache.get(key, published);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Resource> read =
        Jdbc.withConnection(dataSource, c -> ResourceReads.get(c, key, codec));
    read.ifPresent(r -> cache.fill(key, r, published));
    return read;
  }

  @Override
  public Resource update(ResourceKey key, long expectedVersion, Resource next, Actor actor) {
    return write(c -> writes.update(c, key, expectedVersion, next, actor));
  }

  /** One transaction: a failed precondition (or any error) half-way rolls back the earlier ones. */
  @Override
  public List<Resource> updateAll(List<Update> updates, Actor actor) {
    Update.requireDistinctKeys(updates);
    List<Resource> written = new java.util.ArrayList<>();
    write(c -> {
      written.clear(); // a retried transaction starts over
      for (Update u : updates) {
        written.add(writes.update(c, u.key(), u.expectedVersion(), u.next(), actor));
      }
      return written.isEmpty() ? null : written.getLast();
    });
    return List.copyOf(written);
  }

  @Override
  public Resource delete(ResourceKey key, long expectedVersion, Actor actor) {
    return write(c -> writes.delete(c, key, expectedVersion, actor));
  }

  /**
   * Lists at one snapshot. The returned resourceVersion is exact: every event up to it is reflected
   * and none after it, so a watch resuming there neither misses nor repeats a change. When writers
   * were in flight at the snapshot, waits (briefly) for them to settle before deciding.
   */
  @Override
  public ResourceList list(ResourceQuery query) {
    // When writers keep racing the snapshot, resume from the older version: a watch may then repeat
    // a change the list already shows, which is safe (a missed change would not be).
    ResourceList fallback = null;
    for (int attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
      long published = tailer.publishedVersion();
      ResourceReads.Snapshot s =
          StoreErrors.call(() ->
              jdbi.inTransaction(
                  TransactionIsolationLevel.REPEATABLE_READ,
                  h -> ResourceReads.snapshot(h, query, published, codec)));
      if (s.maxVisible() <= published) {
        return new ResourceList(s.items(), published);
      }
      if (!awaitPublished(s.maxVisible())) {
        return new ResourceList(s.items(), published);
      }
      long committed =
          StoreErrors.call(
              () -> jdbi.withHandle(h -> ResourceReads.countEvents(h, published, s.maxVisible())));
      if (committed == s.eventsAfterPublished()) {
        return new ResourceList(s.items(), s.maxVisible());
      }
      fallback = new ResourceList(s.items(), published);
    }
    return fallback;
  }

  @Override
  public Watch watch(ResourceQuery query, long fromVersion) {
    tailer.wake();
    return hub.open(query, fromVersion, history);
  }

  /** The newest version whose events are all committed and published to watches. */
  @Override
  public long currentVersion() {
    return tailer.publishedVersion();
  }

  @Override
  public List<AuditEntry> recent(String namespace, int limit) {
    return audit.recent(namespace, limit);
  }

  /**
   * Removes events outside the retention now (also done every few minutes in the background).
   *
   * @return the compaction horizon: watches from older versions get Gone
   */
  public long compact() {
    lastCompaction = clock.instant();
    return history.compact(retention, tailer.publishedVersion(), clock.instant());
  }

  /** Number of open watches (for metrics). */
  public int openWatches() {
    return hub.openWatches();
  }

  /** Stops publishing events; open watches receive nothing more. */
  @Override
  public void close() {
    creates.close();
    tailer.close();
  }

  private Resource write(Jdbc.Work<Resource> operation) {
    try {
      Resource result = Jdbc.inTransaction(dataSource, operation);
      if (result != null) { // updateAll: its last write, whose version is the highest
        cache.wrote(result.resourceVersion());
      }
      return result;
    } finally {
      tailer.wake();
    }
  }

  /** After a batch of creates committed, before its callers are answered (read-your-writes). */
  private void committed(long highestVersion) {
    if (highestVersion > 0) {
      cache.wrote(highestVersion);
    }
    tailer.wake();
  }

  private boolean awaitPublished(long version) {
    try {
      return tailer.awaitPublished(version, Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while listing", e);
    }
  }

  private void compactPeriodically() {
    if (clock.instant().isAfter(lastCompaction.plus(COMPACT_EVERY))) {
      compact();
    }
  }
}
