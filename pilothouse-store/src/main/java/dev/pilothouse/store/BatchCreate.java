package dev.pilothouse.store;

import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Creates many objects in one statement, run in autocommit mode: one round trip and one commit for
 * the whole batch, which is what makes group commit pay. Every row, its event and its audit entry
 * travel together in data-modifying CTEs, so the statement writes all of them or nothing.
 *
 * <p>A name that exists already (or appears twice in the batch) must refuse only its own create:
 * {@code ON CONFLICT DO NOTHING} skips that row, and since the event and audit inserts join on the
 * rows actually inserted, it leaves no trace but a skipped version number. The first of two
 * duplicates in a batch wins, as if the two requests had been serialized.
 */
final class BatchCreate {
  /**
   * Takes the transaction id before drawing versions (see {@link SafeWatermark} for why): the xid
   * CTE is materialized and joined into every row, so its row exists before any nextval runs.
   */
  private static final String SQL =
      """
      WITH x AS MATERIALIZED (SELECT pg_current_xact_id() AS xid OFFSET 0),
       i AS MATERIALIZED (
        SELECT x.xid, u.ord, u.g, u.k, u.ns, u.n, u.doc, u.labels, u.actor, u.target,
               nextval('resource_version_seq') AS rv
        FROM x, unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                       CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                       CAST(? AS text[]), CAST(? AS text[]))
             WITH ORDINALITY AS u(g, k, ns, n, doc, labels, actor, target, ord)),
       r AS (INSERT INTO resources
              (api_group, kind, namespace, name, resource_version, doc, labels)
            SELECT g, k, ns, n, rv,
                   jsonb_set(CAST(doc AS jsonb), '{metadata,resourceVersion}', to_jsonb(rv::text)),
                   CAST(labels AS jsonb)
            FROM i ORDER BY ord
            ON CONFLICT DO NOTHING RETURNING resource_version, doc),
       e AS (INSERT INTO resource_events
              (resource_version, xid, api_group, kind, namespace, name, type, doc, created_at)
            SELECT i.rv, i.xid, i.g, i.k, i.ns, i.n, 'ADDED', r.doc, CAST(? AS timestamptz)
            FROM r JOIN i ON i.rv = r.resource_version),
       a AS (INSERT INTO audit_log
              (time, actor, verb, target, namespace, before_version, after_version)
            SELECT CAST(? AS timestamptz), i.actor, 'create', i.target, i.ns, 0, i.rv
            FROM r JOIN i ON i.rv = r.resource_version ORDER BY i.rv)
      SELECT i.ord, i.rv, r.resource_version IS NOT NULL
      FROM i LEFT JOIN r ON r.resource_version = i.rv
      """;

  /**
   * One object to create, its document and labels already serialized (by the caller's thread, so
   * that the single writer spends its time on the database, not on Jackson).
   */
  record Item(ResourceKey key, Resource resource, Actor actor, String doc, String labels) {
    static Item of(ResourceKey key, Resource resource, Actor actor, DocumentCodec codec) {
      return new Item(key, resource, actor, codec.write(key, resource), Documents.labels(resource));
    }
  }

  private BatchCreate() {}

  /**
   * Writes the batch (autocommit: committed, and durable, when this returns).
   *
   * @param time stamps every event and audit entry of the batch
   * @return one outcome per item, in the items' order: {@link CreateOutcome.Created} or {@link
   *     CreateOutcome.Exists}
   */
  static List<CreateOutcome> write(Connection c, List<Item> items, Instant time)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      bind(c, ps, items);
      var stamp = time.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
      ps.setObject(9, stamp);
      ps.setObject(10, stamp);
      CreateOutcome[] outcomes = new CreateOutcome[items.size()];
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int index = rs.getInt(1) - 1;
          outcomes[index] =
              rs.getBoolean(3)
                  ? new CreateOutcome.Created(rs.getLong(2))
                  : new CreateOutcome.Exists();
        }
      }
      return List.of(outcomes); // throws if a row went missing: then the batch counts as failed
    }
  }

  private static void bind(Connection c, PreparedStatement ps, List<Item> items)
      throws SQLException {
    int n = items.size();
    String[][] columns = new String[8][n];
    for (int j = 0; j < n; j++) {
      Item item = items.get(j);
      ResourceKey key = item.key();
      columns[0][j] = key.group();
      columns[1][j] = key.kind();
      columns[2][j] = key.namespace();
      columns[3][j] = key.name();
      columns[4][j] = item.doc();
      columns[5][j] = item.labels();
      columns[6][j] = item.actor().subject();
      columns[7][j] = key.toString();
    }
    for (int col = 0; col < columns.length; col++) {
      ps.setArray(col + 1, c.createArrayOf("text", columns[col]));
    }
  }
}
