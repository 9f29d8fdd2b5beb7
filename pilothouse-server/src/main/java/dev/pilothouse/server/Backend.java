package dev.pilothouse.server;

import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.InMemoryEventLog;
import dev.pilothouse.core.resource.ResourceStore;
import dev.pilothouse.core.tenancy.TenancyRepository;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The storage a server runs on: PostgreSQL in production and for {@code serve}, in-memory fakes in
 * HTTP-layer unit tests.
 *
 * @param ready whether storage can serve requests now (for {@code /readyz})
 * @param pool connection-pool gauges (active, idle, pending, total), null when there is no pool
 * @param closer releases everything the backend holds
 * @param events the platform's event timeline
 */
public record Backend(
    ResourceStore resources,
    AuditLog audit,
    TenancyRepository tenancy,
    BooleanSupplier ready,
    PoolGauges pool,
    AutoCloseable closer,
    EventLog events) {

  /** A backend whose events are kept in memory (tests of other parts). */
  public Backend(
      ResourceStore resources,
      AuditLog audit,
      TenancyRepository tenancy,
      BooleanSupplier ready,
      PoolGauges pool,
      AutoCloseable closer) {
    this(resources, audit, tenancy, ready, pool, closer, new InMemoryEventLog());
  }

  /** Gauges of a connection pool. */
  public record PoolGauges(
      IntSupplier active, IntSupplier idle, IntSupplier pending, IntSupplier total) {}
}
