package dev.pilothouse.store;

import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.EventLogContract;

class PostgresEventLogTest extends EventLogContract {
  @Override
  protected EventLog newLog() {
    TestPostgres.truncate();
    return new PostgresEventLog(TestPostgres.database());
  }
}
