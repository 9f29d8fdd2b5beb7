package dev.pilothouse.store;

import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.tenancy.TenancyRepository;
import dev.pilothouse.core.tenancy.TenancyRepositoryContract;
import java.time.Clock;

class PostgresTenancyRepositoryTest extends TenancyRepositoryContract {

  @Override
  protected TenancyRepository newRepository() {
    TestPostgres.truncate();
    return new PostgresTenancyRepository(TestPostgres.database(), Clock.systemUTC());
  }

  @Override
  protected AuditLog auditLog() {
    return new PostgresAuditLog(TestPostgres.database());
  }
}
