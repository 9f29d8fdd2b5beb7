package dev.pilothouse.store;

import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Queries on {@code resources}; label selectors become jsonb containment tests. */
final class ResourceReads {
  /** What a list's snapshot contains beyond a known published version. */
  record Snapshot(List<Resource> items, long maxVisible, long eventsAfterPublished) {}

  private ResourceReads() {}

  static Optional<Resource> get(Handle h, ResourceKey key) {
    return h.createQuery(
            "SELECT doc::text FROM resources"
                + " WHERE api_group = :g AND kind = :k AND namespace = :ns AND name = :n")
        .bind("g", key.group())
        .bind("k", key.kind())
        .bind("ns", key.namespace())
        .bind("n", key.name())
        .mapTo(String.class)
        .findOne()
        .map(Documents::read);
  }

  /** Items and the event versions visible in the same snapshot (call in REPEATABLE READ). */
  static Snapshot snapshot(Handle h, ResourceQuery query, long published) {
    long[] events =
        h.createQuery(
                "SELECT coalesce(max(resource_version), :p), count(*) FROM resource_events"
                    + " WHERE resource_version > :p")
            .bind("p", published)
            .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
            .one();
    return new Snapshot(list(h, query), events[0], events[1]);
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

  private static List<Resource> list(Handle h, ResourceQuery query) {
    StringBuilder sql =
        new StringBuilder("SELECT doc::text FROM resources WHERE api_group = :g AND kind = :k");
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
    return q.mapTo(String.class).map(Documents::read).list();
  }
}
