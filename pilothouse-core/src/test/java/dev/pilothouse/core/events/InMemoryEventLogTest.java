package dev.pilothouse.core.events;

class InMemoryEventLogTest extends EventLogContract {
  @Override
  protected EventLog newLog() {
    return new InMemoryEventLog();
  }
}
