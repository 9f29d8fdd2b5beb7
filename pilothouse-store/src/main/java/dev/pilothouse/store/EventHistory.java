package dev.pilothouse.store;

import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.resource.WatchHub;
import dev.pilothouse.core.resource.WatchHub.StoredEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The retained event history: replay for resuming watches and compaction of old events. The
 * compaction horizon is stored explicitly, because sequence values burnt by failed transactions
 * make "oldest retained event" an unreliable measure of what was removed.
 */
final class EventHistory implements WatchHub.History {
  private final Jdbi jdbi;
  private final DocumentCodec codec;

  EventHistory(Jdbi jdbi, DocumentCodec codec) {
    this.jdbi = jdbi;
    this.codec = codec;
  }

  @Override
  public List<StoredEvent> between(long fromVersion, long toVersion) {
    return StoreErrors.call(() ->
        jdbi.inTransaction(
            TransactionIsolationLevel.REPEATABLE_READ,
            h -> {
              if (fromVersion < horizon(h)) {
                throw new GoneException(
                    "resourceVersion " + fromVersion + " is too old; list again");
              }
              return EventRows.read(h, fromVersion, toVersion, Integer.MAX_VALUE, codec);
            }));
  }

  /**
   * Removes events outside the retention, never beyond {@code safeVersion} (events not yet
   * published must stay for the tailer).
   *
   * @return the new horizon: watches from an older version are Gone
   */
  long compact(EventRetention retention, long safeVersion, Instant now) {
    return StoreErrors.call(() ->
        jdbi.inTransaction(h -> {
          long cut = Math.min(safeVersion, cut(h, retention, now));
          long horizon = horizon(h);
          if (cut <= horizon) {
            return horizon;
          }
          h.createUpdate("DELETE FROM resource_events WHERE resource_version <= :cut")
              .bind("cut", cut)
              .execute();
          h.createUpdate("UPDATE event_horizon SET compacted_through = :cut WHERE id = 1")
              .bind("cut", cut)
              .execute();
          return cut;
        }));
  }

  private static long cut(Handle h, EventRetention retention, Instant now) {
    return h.createQuery(
            """
            SELECT greatest(
              (SELECT resource_version FROM resource_events
                 ORDER BY resource_version DESC OFFSET :keep LIMIT 1),
              (SELECT max(resource_version) FROM resource_events WHERE created_at < :cutoff),
              0)
            """)
        .bind("keep", retention.maxEvents())
        .bind("cutoff", now.minus(retention.maxAge()).atOffset(ZoneOffset.UTC))
        .mapTo(Long.class)
        .one();
  }

  private static long horizon(Handle h) {
    return h.createQuery("SELECT compacted_through FROM event_horizon WHERE id = 1")
        .mapTo(Long.class)
        .one();
  }
}
