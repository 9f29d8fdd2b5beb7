package dev.pilothouse.store;

import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.LongConsumer;

/**
 * Updates and deletes, each one statement inside the caller's transaction: the version, the row
 * change, its event and its audit entry travel together in data-modifying CTEs, so a failed
 * precondition writes none and a write costs one round trip plus its commit. (Creates are
 * group-committed: {@link BatchCreate}.)
 */
final class ResourceWrites {
  /**
   * Takes the transaction id first, then a version (see {@link SafeWatermark} for why). The xid is
   * selected (and stored with the event) because PostgreSQL drops unused subquery outputs, and with
   * them the call that assigns the id; the subquery row exists before nextval runs on it.
   * MATERIALIZED makes every reference below see the one version drawn.
   */
  private static final String VERSION =
      "WITH v AS MATERIALIZED (SELECT x.xid, nextval('resource_version_seq') AS rv"
          + " FROM (SELECT pg_current_xact_id() AS xid OFFSET 0) x),";

  /** The stored document with metadata.resourceVersion set to the drawn version. */
  private static final String VERSIONED_DOC =
      "jsonb_set(CAST(? AS jsonb), '{metadata,resourceVersion}', to_jsonb(v.rv::text))";

  /** Parameters: group, kind, namespace, name, type, time, then time, actor, verb, target, ns. */
  private static final String EVENT_AND_AUDIT =
      """
       e AS (INSERT INTO resource_events
              (resource_version, xid, api_group, kind, namespace, name, type, doc, created_at)
            SELECT v.rv, v.xid, ?, ?, ?, ?, ?, %s, ? FROM r, v),
       a AS (INSERT INTO audit_log
              (time, actor, verb, target, namespace, before_version, after_version)
            SELECT ?, ?, ?, ?, ?, %s, %s FROM r, v)
      """;

  private static final String UPDATE =
      VERSION
          + " r AS (UPDATE resources SET resource_version = v.rv, doc = "
          + VERSIONED_DOC
          + ", labels = CAST(? AS jsonb) FROM v"
          + " WHERE api_group = ? AND kind = ? AND namespace = ? AND name = ?"
          + " AND resource_version = ? RETURNING doc, CAST(? AS bigint) AS expected),"
          + EVENT_AND_AUDIT.formatted("r.doc", "r.expected", "v.rv")
          + " SELECT v.rv, (SELECT count(*) FROM r) FROM v";
  private static final String DELETE =
      VERSION
          + " r AS (DELETE FROM resources USING v"
          + " WHERE api_group = ? AND kind = ? AND namespace = ? AND name = ?"
          + " AND (CAST(? AS bigint) = 0 OR resource_version = ?)"
          + " RETURNING jsonb_set(doc, '{metadata,resourceVersion}', to_jsonb(v.rv::text)) AS doc,"
          + " resource_version),"
          + EVENT_AND_AUDIT.formatted("r.doc", "r.resource_version", "0")
          + " SELECT v.rv, r.doc::text FROM v LEFT JOIN r ON true";

  private final Clock clock;
  private final LongConsumer refused;
  private final DocumentCodec codec;

  /**
   * @param refused told the version drawn by an update or delete whose precondition failed: the
   *     object changed elsewhere, so what this process knows of it may be stale until then
   */
  ResourceWrites(Clock clock, LongConsumer refused, DocumentCodec codec) {
    this.clock = clock;
    this.refused = refused;
    this.codec = codec;
  }

  Resource update(Connection c, ResourceKey key, long expected, Resource next, Actor actor)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      ps.setString(1, codec.write(key, next));
      ps.setString(2, Documents.labels(next));
      int i = bindKey(ps, 3, key);
      ps.setLong(i++, expected);
      ps.setLong(i++, expected);
      bindEventAndAudit(ps, i, key, actor, "update", "MODIFIED");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(2) == 0) {
          refused.accept(rs.getLong(1));
          throw missingOrChanged(c, key);
        }
        return next.withResourceVersion(rs.getLong(1));
      }
    }
  }

  Resource delete(Connection c, ResourceKey key, long expected, Actor actor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DELETE)) {
      int i = bindKey(ps, 1, key);
      ps.setLong(i++, expected);
      ps.setLong(i++, expected);
      bindEventAndAudit(ps, i, key, actor, "delete", "DELETED");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String last = rs.getString(2);
        if (last == null) {
          refused.accept(rs.getLong(1));
          throw missingOrChanged(c, key);
        }
        return codec.read(key, last);
      }
    }
  }

  private static int bindKey(PreparedStatement ps, int first, ResourceKey key) throws SQLException {
    ps.setString(first, key.group());
    ps.setString(first + 1, key.kind());
    ps.setString(first + 2, key.namespace());
    ps.setString(first + 3, key.name());
    return first + 4;
  }

  private void bindEventAndAudit(
      PreparedStatement ps, int first, ResourceKey key, Actor actor, String verb, String type)
      throws SQLException {
    var time = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    int i = bindKey(ps, first, key);
    ps.setString(i++, type);
    ps.setObject(i++, time);
    ps.setObject(i++, time);
    ps.setString(i++, actor.subject());
    ps.setString(i++, verb);
    ps.setString(i++, key.toString());
    ps.setString(i, key.namespace());
  }

  private static RuntimeException missingOrChanged(Connection c, ResourceKey key)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM resources"
                + " WHERE api_group = ? AND kind = ? AND namespace = ? AND name = ?")) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return new NotFoundException(key + " not found");
        }
      }
    }
    return new ConflictException(
        "the object "
            + key
            + " has been modified; read it again and apply your changes to the latest version");
  }
}
