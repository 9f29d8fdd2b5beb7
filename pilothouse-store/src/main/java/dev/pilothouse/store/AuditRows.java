package dev.pilothouse.store;

import dev.pilothouse.core.audit.AuditEntry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads and writes {@code audit_log} rows; writers call {@link #insert} in their transaction. */
final class AuditRows {
  private AuditRows() {}

  static void insert(Handle handle, AuditEntry entry) {
    handle
        .createUpdate(
            """
            INSERT INTO audit_log
              (time, actor, verb, target, namespace, before_version, after_version)
            VALUES (:time, :actor, :verb, :target, :namespace, :before, :after)
            """)
        .bind("time", entry.time().atOffset(ZoneOffset.UTC))
        .bind("actor", entry.actor())
        .bind("verb", entry.verb())
        .bind("target", entry.target())
        .bind("namespace", entry.namespace())
        .bind("before", entry.beforeVersion())
        .bind("after", entry.afterVersion())
        .execute();
  }

  static List<AuditEntry> recent(Handle handle, String namespace, int limit) {
    return handle
        .createQuery(
            """
            SELECT time, actor, verb, target, namespace, before_version, after_version
            FROM audit_log
            WHERE CAST(:namespace AS text) IS NULL OR namespace = :namespace
            ORDER BY id DESC LIMIT :limit
            """)
        .bind("namespace", namespace)
        .bind("limit", limit)
        .map((rs, ctx) ->
            new AuditEntry(
                rs.getObject("time", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("verb"),
                rs.getString("target"),
                rs.getString("namespace"),
                rs.getLong("before_version"),
                rs.getLong("after_version")))
        .list();
  }
}
