package dev.pilothouse.core.resource;

import java.time.Clock;

class InMemoryResourceStoreTest extends ResourceStoreContract {

  @Override
  protected ResourceStore newStore() {
    return new InMemoryResourceStore();
  }

  @Override
  protected ResourceStore newStoreKeepingEvents(int events) {
    return new InMemoryResourceStore(events, Clock.systemUTC());
  }

  @Override
  protected void compact(ResourceStore store) {
    // keeps its history bounded as it goes
  }
}
