package dev.pilothouse.store;

import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.resource.WatchHub.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads {@code resource_events} rows as watch events (plain JDBC: the tailer runs it per pass). */
final class EventRows {
  private static final String READ =
      """
      SELECT api_group, kind, namespace, name, type, doc::text AS doc FROM resource_events
      WHERE resource_version > ? AND resource_version <= ?
      ORDER BY resource_version LIMIT ?
      """;

  private EventRows() {}

  /** Events with {@code after < resourceVersion <= upTo}, oldest first, at most {@code limit}. */
  static List<StoredEvent> read(Connection c, long after, long upTo, int limit, DocumentCodec codec)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(READ)) {
      ps.setLong(1, after);
      ps.setLong(2, upTo);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredEvent> events = new ArrayList<>();
        while (rs.next()) {
          events.add(event(rs, codec));
        }
        return events;
      }
    }
  }

  /** The same, inside a Jdbi handle's transaction. */
  static List<StoredEvent> read(
      Handle handle, long after, long upTo, int limit, DocumentCodec codec) {
    try {
      return read(handle.getConnection(), after, upTo, limit, codec);
    } catch (SQLException e) {
      throw StoreErrors.translate(e);
    }
  }

  private static StoredEvent event(ResultSet rs, DocumentCodec codec) throws SQLException {
    var key = new ResourceKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    return new StoredEvent(
        key,
        new WatchEvent(WatchEvent.Type.valueOf(rs.getString(5)), codec.read(key, rs.getString(6))));
  }
}
