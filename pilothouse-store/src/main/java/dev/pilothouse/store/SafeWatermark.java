package dev.pilothouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;

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
 * finds new versions; that transaction writes nothing, so it commits without waiting for a WAL
 * flush (losing it in a crash loses nothing: every writer running then is gone too).
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
   * Probes the database (separate statements, in this order) and advances the watermark as far as
   * finished transactions allow.
   *
   * @return whether candidates remain that later probes may confirm
   */
  boolean probe(Connection c) throws SQLException {
    long drawn =
        single(
            c,
            "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END"
                + " FROM resource_version_seq");
    if (drawn > safe && (pending.isEmpty() || pending.peekLast().version() < drawn)) {
      pending.addLast(new Candidate(drawn, takeXid(c)));
    }
    if (pending.isEmpty()) {
      return false;
    }
    long xmin = single(c, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
    while (!pending.isEmpty() && pending.peekFirst().xid() <= xmin) {
      safe = Math.max(safe, pending.removeFirst().version());
    }
    return !pending.isEmpty();
  }

  /** A fresh transaction id, committed before the xmin probe that follows. */
  private static long takeXid(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      // Writes nothing, so an asynchronous commit is safe; it spares a WAL flush per pass.
      st.execute("SET LOCAL synchronous_commit = off; SELECT pg_current_xact_id()::text::bigint");
      st.getMoreResults();
      try (ResultSet rs = st.getResultSet()) {
        rs.next();
        long xid = rs.getLong(1);
        c.commit();
        return xid;
      }
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
