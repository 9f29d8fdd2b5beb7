package dev.pilothouse.store;

import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Queries on {@code resources}; label selectors become jsonb containment tests. Get is plain JDBC
 * (the hot read path, see {@link Jdbc}); lists stay on Jdbi.
 */
final class ResourceReads {
  /** What a list's snapshot contains beyond a known published version. */
  record Snapshot(List<Resource> items, long maxVisible, long eventsAfterPublished) {}

  private static final String GET =
      "SELECT doc::text FROM resources"
          + " WHERE api_group = ? AND kind = ? AND namespace = ? AND name = ?";

  private ResourceReads() {}

  static Optional<Resource> get(Connection c, ResourceKey key, DocumentCodec codec)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(GET)) {
      ps.setString(1, key.group());
      ps.setString(2, key.kind());
      ps.setString(3, key.namespace());
      ps.setString(4, key.name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(codec.read(key, rs.getString(1))) : Optional.empty();
      }
    }
  }

  /** Items and the event versions visible in the same snapshot (call in REPEATABLE READ). */
  static Snapshot snapshot(Handle h, ResourceQuery query, long published, DocumentCodec codec) {
    long[] events =
        h.createQuery(
                "SELECT coalesce(max(resource_version), :p), count(*) FROM resource_events"
                    + " WHERE resource_version > :p")
            .bind("p", published)
            .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
            .one();
    return new Snapshot(list(h, query, codec), events[0], events[1]);
  }

  /** Events committed now with {@code after < version <= upTo}. */
  static long countEvents(Handle h, long after, long upTo) {
    return h.createQuery(
            "SELECT count(*) FROM resource_events"
                + " WHERE resource_version > :after AND resource_version <= :upTo")
        .bind("after", after)
        .bind("upTo", upTo)
        .mapTo(Long.class)
        .one();
  }

  private static List<Resource> list(Handle h, ResourceQuery query, DocumentCodec codec) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT namespace, name, doc::text FROM resources WHERE api_group = :g AND kind = :k");
    if (query.namespace() != null) {
      sql.append(" AND namespace = :ns");
    }
    Map<String, String> equal = query.selector().equal();
    if (!equal.isEmpty()) {
      sql.append(" AND labels @> CAST(:eq AS jsonb)");
    }
    List<Map.Entry<String, String>> notEqual = List.copyOf(query.selector().notEqual().entrySet());
    for (int i = 0; i < notEqual.size(); i++) {
      sql.append(" AND NOT (labels @> CAST(:ne").append(i).append(" AS jsonb))");
    }
    sql.append(" ORDER BY namespace, name");
    Query q = h.createQuery(sql.toString()).bind("g", query.group()).bind("k", query.kind());
    if (query.namespace() != null) {
      q.bind("ns", query.namespace());
    }
    if (!equal.isEmpty()) {
      q.bind("eq", Json.write(equal));
    }
    for (int i = 0; i < notEqual.size(); i++) {
      var term = notEqual.get(i);
      q.bind("ne" + i, Json.write(Map.of(term.getKey(), term.getValue())));
    }
    return q.map(
            (rs, ctx) -> {
              var key =
                  new ResourceKey(query.group(), query.kind(), rs.getString(1), rs.getString(2));
              return codec.read(key, rs.getString(3));
            })
        .list();
  }
}
