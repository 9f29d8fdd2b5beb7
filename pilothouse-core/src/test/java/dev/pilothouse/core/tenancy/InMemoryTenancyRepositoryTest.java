package dev.pilothouse.core.tenancy;

import dev.pilothouse.core.audit.AuditLog;

class InMemoryTenancyRepositoryTest extends TenancyRepositoryContract {
  private InMemoryTenancyRepository repository;

  @Override
  protected TenancyRepository newRepository() {
    repository = new InMemoryTenancyRepository();
    return repository;
  }

  @Override
  protected AuditLog auditLog() {
    return repository;
  }
}
