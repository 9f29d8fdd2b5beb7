package dev.pilothouse.core.audit;

import java.util.List;

/** Port: the append-only record of every mutation. Writers append inside their transaction. */
public interface AuditLog {

  /** Newest entries first, at most {@code limit}; {@code namespace} null means all. */
  List<AuditEntry> recent(String namespace, int limit);
}
