package dev.pilothouse.store;

import dev.pilothouse.core.audit.AuditEntry;
import dev.pilothouse.core.audit.AuditLog;
import java.util.List;

/** {@link AuditLog} over the {@code audit_log} table written by every PostgreSQL repository. */
public final class PostgresAuditLog implements AuditLog {
  private final Database database;

  /** Reads the audit log of a database. */
  public PostgresAuditLog(Database database) {
    this.database = database;
  }

  @Override
  public List<AuditEntry> recent(String namespace, int limit) {
    return StoreErrors.call(
        () -> database.jdbi().withHandle(h -> AuditRows.recent(h, namespace, limit)));
  }
}
