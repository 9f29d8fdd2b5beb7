package dev.pilothouse.store;

import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.resource.WatchHub.StoredEvent;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads {@code resource_events} rows as watch events. */
final class EventRows {
  private EventRows() {}

  /** Events with {@code after < resourceVersion <= upTo}, oldest first, at most {@code limit}. */
  static List<StoredEvent> read(Handle handle, long after, long upTo, int limit) {
    return handle
        .createQuery(
            """
            SELECT api_group, kind, namespace, name, type, doc::text AS doc FROM resource_events
            WHERE resource_version > :after AND resource_version <= :upTo
            ORDER BY resource_version LIMIT :limit
            """)
        .bind("after", after)
        .bind("upTo", upTo)
        .bind("limit", limit)
        .map((rs, ctx) ->
            new StoredEvent(
                new ResourceKey(
                    rs.getString("api_group"),
                    rs.getString("kind"),
                    rs.getString("namespace"),
                    rs.getString("name")),
                new WatchEvent(
                    WatchEvent.Type.valueOf(rs.getString("type")),
                    Documents.read(rs.getString("doc")))))
        .list();
  }
}
