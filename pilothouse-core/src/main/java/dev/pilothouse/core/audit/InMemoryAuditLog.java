package dev.pilothouse.core.audit;

import java.util.ArrayList;
import java.util.List;

/** The audit log of the in-memory fakes: an append-only list read newest first. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new ArrayList<>();

  /** Appends an entry. */
  public synchronized void append(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> recent(String namespace, int limit) {
    List<AuditEntry> result = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0 && result.size() < limit; i--) {
      AuditEntry e = entries.get(i);
      if (namespace == null || namespace.equals(e.namespace())) {
        result.add(e);
      }
    }
    return result;
  }
}
