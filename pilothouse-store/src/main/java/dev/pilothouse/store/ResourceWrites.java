package dev.pilothouse.store;

import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The three writes, each one statement inside the caller's transaction: the row change, its event
 * and its audit entry travel together in data-modifying CTEs, so a failed precondition writes none.
 */
final class ResourceWrites {
  private static final String EVENT_AND_AUDIT =
      """
      e AS (INSERT INTO resource_events
              (resource_version, xid, api_group, kind, namespace, name, type, doc, created_at)
            SELECT :rv, pg_current_xact_id(), :g, :k, :ns, :n, :type, %s, :time FROM r),
      a AS (INSERT INTO audit_log
              (time, actor, verb, target, namespace, before_version, after_version)
            SELECT :time, :actor, :verb, :target, :ns, %s, %s FROM r)
      """;
  private static final String CREATE =
      "WITH r AS (INSERT INTO resources"
          + " (api_group, kind, namespace, name, resource_version, doc, labels)"
          + " VALUES (:g, :k, :ns, :n, :rv, CAST(:doc AS jsonb), CAST(:labels AS jsonb))"
          + " RETURNING doc),"
          + EVENT_AND_AUDIT.formatted("r.doc", "0", ":rv")
          + " SELECT count(*) FROM r";
  private static final String UPDATE =
      "WITH r AS (UPDATE resources SET resource_version = :rv, doc = CAST(:doc AS jsonb),"
          + " labels = CAST(:labels AS jsonb)"
          + " WHERE api_group = :g AND kind = :k AND namespace = :ns AND name = :n"
          + " AND resource_version = :expected RETURNING doc),"
          + EVENT_AND_AUDIT.formatted("r.doc", ":expected", ":rv")
          + " SELECT count(*) FROM r";
  private static final String DELETE =
      "WITH r AS (DELETE FROM resources"
          + " WHERE api_group = :g AND kind = :k AND namespace = :ns AND name = :n"
          + " AND (:expected = 0 OR resource_version = :expected)"
          + " RETURNING doc, resource_version),"
          + EVENT_AND_AUDIT.formatted(
              "jsonb_set(r.doc, '{metadata,resourceVersion}', to_jsonb(CAST(:rv AS text)))",
              "r.resource_version",
              "0")
          + " SELECT r.doc::text FROM r";

  private final Clock clock;

  ResourceWrites(Clock clock) {
    this.clock = clock;
  }

  Resource create(Handle h, ResourceKey key, Resource resource, Actor actor) {
    Resource stored = resource.withResourceVersion(nextVersion(h));
    try {
      bind(h.createQuery(CREATE), key, stored.resourceVersion(), actor, "create", "ADDED")
          .bind("doc", Documents.write(stored))
          .bind("labels", Documents.labels(stored))
          .mapTo(Long.class)
          .one();
    } catch (StatementException e) {
      if (StoreErrors.sqlState(e).filter(StoreErrors.UNIQUE_VIOLATION::equals).isPresent()) {
        throw new AlreadyExistsException(key + " already exists", e);
      }
      throw e;
    }
    return stored;
  }

  Resource update(Handle h, ResourceKey key, long expected, Resource next, Actor actor) {
    Resource stored = next.withResourceVersion(nextVersion(h));
    long rows =
        bind(h.createQuery(UPDATE), key, stored.resourceVersion(), actor, "update", "MODIFIED")
            .bind("doc", Documents.write(stored))
            .bind("labels", Documents.labels(stored))
            .bind("expected", expected)
            .mapTo(Long.class)
            .one();
    if (rows == 0) {
      throw missingOrChanged(h, key);
    }
    return stored;
  }

  Resource delete(Handle h, ResourceKey key, long expected, Actor actor) {
    long version = nextVersion(h);
    Optional<String> last =
        bind(h.createQuery(DELETE), key, version, actor, "delete", "DELETED")
            .bind("expected", expected)
            .mapTo(String.class)
            .findOne();
    return last.map(Documents::read)
        .map(r -> r.withResourceVersion(version))
        .orElseThrow(() -> missingOrChanged(h, key));
  }

  /** Takes the transaction id first, then a version (see {@link SafeWatermark} for why). */
  private static long nextVersion(Handle h) {
    // The xid column must be selected: PostgreSQL drops unused subquery outputs, and with them the
    // call that assigns the transaction id. The subquery row exists before nextval runs on it.
    return h.createQuery(
            "SELECT x.xid::text, nextval('resource_version_seq')"
                + " FROM (SELECT pg_current_xact_id() AS xid OFFSET 0) x")
        .map((rs, ctx) -> rs.getLong(2))
        .one();
  }

  private Query bind(
      Query query, ResourceKey key, long version, Actor actor, String verb, String type) {
    return query
        .bind("g", key.group())
        .bind("k", key.kind())
        .bind("ns", key.namespace())
        .bind("n", key.name())
        .bind("rv", version)
        .bind("type", type)
        .bind("time", clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
        .bind("actor", actor.subject())
        .bind("verb", verb)
        .bind("target", key.toString());
  }

  private static RuntimeException missingOrChanged(Handle h, ResourceKey key) {
    boolean exists =
        h.createQuery(
                    "SELECT count(*) FROM resources"
                        + " WHERE api_group = :g AND kind = :k AND namespace = :ns AND name = :n")
                .bind("g", key.group())
                .bind("k", key.kind())
                .bind("ns", key.namespace())
                .bind("n", key.name())
                .mapTo(Integer.class)
                .one()
            > 0;
    if (!exists) {
      return new NotFoundException(key + " not found");
    }
    return new ConflictException(
        "the object "
            + key
            + " has been modified; read it again and apply your changes to the latest version");
  }
}
