package dev.pilothouse.store;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jdbi.v3.core.Handle;

/**
 * Finds the highest resourceVersion below which no transaction can still commit an event.
 *
 * <p>Writers take their transaction id before they draw a version from the sequence, and versions
 * are drawn, not committed, in order. So once the sequence stood at {@code c}, every writer holding
 * a version up to {@code c} already had a transaction id, smaller than the id {@code x} the tailer
 * is given right after reading {@code c}. When a later snapshot's {@code xmin} reaches {@code x},
 * none of them is still running and everything up to {@code c} is final.
 *
 * <p>Two tempting shortcuts are wrong: comparing each event's own xid with {@code xmin} (a writer
 * with a newer xid can draw a smaller version than an older writer still running), and using a
 * snapshot's {@code xmax} as the bound (it is only the newest <em>completed</em> xid plus one, so
 * running writers with larger ids are not covered). The price is one transaction id per probe that
 * finds new versions.
 */
final class SafeWatermark {
  private record Candidate(long version, long xid) {}

  private final Deque<Candidate> pending = new ArrayDeque<>();
  private long safe;

  SafeWatermark(long safe) {
    this.safe = safe;
  }

  /** The highest version known to be final. */
  long safe() {
    return safe;
  }

  /**
   * Probes the database (autocommit statements, in this order) and advances the watermark as far as
   * finished transactions allow.
   *
   * @return whether candidates remain that later probes may confirm
   */
  boolean probe(Handle handle) {
    long drawn =
        handle
            .createQuery(
                "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END"
                    + " FROM resource_version_seq")
            .mapTo(Long.class)
            .one();
    if (drawn > safe && (pending.isEmpty() || pending.peekLast().version() < drawn)) {
      long xid =
          handle.createQuery("SELECT pg_current_xact_id()::text::bigint").mapTo(Long.class).one();
      pending.addLast(new Candidate(drawn, xid));
    }
    if (pending.isEmpty()) {
      return false;
    }
    long xmin =
        handle
            .createQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            .mapTo(Long.class)
            .one();
    while (!pending.isEmpty() && pending.peekFirst().xid() <= xmin) {
      safe = Math.max(safe, pending.removeFirst().version());
    }
    return !pending.isEmpty();
  }
}
