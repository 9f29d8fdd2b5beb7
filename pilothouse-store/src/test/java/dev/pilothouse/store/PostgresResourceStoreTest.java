package dev.pilothouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceQuery;
import dev.pilothouse.core.resource.ResourceStore;
import dev.pilothouse.core.resource.ResourceStoreContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresResourceStoreTest extends ResourceStoreContract {
  private final List<PostgresResourceStore> opened = new ArrayList<>();

  @BeforeAll
  static void emptyDatabase() {
    TestPostgres.truncate();
  }

  @Override
  protected ResourceStore newStore() {
    TestPostgres.truncate();
    return open(EventRetention.DEFAULT);
  }

  @Override
  protected ResourceStore newStoreKeepingEvents(int events) {
    return open(new EventRetention(Duration.ofDays(1), events));
  }

  @Override
  protected void compact(ResourceStore store) {
    // listing waits until every committed event is published, which compaction never passes
    store.list(new ResourceQuery("example.dev", "Widget", null, LabelSelector.ALL));
    ((PostgresResourceStore) store).compact();
  }

  private PostgresResourceStore open(EventRetention retention) {
    PostgresResourceStore s =
        new PostgresResourceStore(TestPostgres.database(), Clock.systemUTC(), retention);
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(PostgresResourceStore::close);
  }

  @Test
  void aFailedUpdateLeavesNoEventAndNoAuditEntry() throws Exception {
    Resource created = create("shop", "a", Map.of());
    store.update(key("shop", "a"), created.resourceVersion(), resized(created, 2), ALICE);
    long events = countRows("resource_events");
    long audits = countRows("audit_log");

    assertThatThrownBy(() ->
            store.update(key("shop", "a"), created.resourceVersion(), resized(created, 3), ALICE))
        .isInstanceOf(ConflictException.class)
        .hasMessageNotContaining("UPDATE")
        .hasMessageNotContaining("SQL");

    assertThat(countRows("resource_events")).isEqualTo(events);
    assertThat(countRows("audit_log")).isEqualTo(audits);
  }

  @Test
  void getsSeeEveryWriteThisStoreAcknowledgedAtOnce() {
    Resource current = create("shop", "a", Map.of());
    for (int i = 0; i < 50; i++) {
      assertThat(store.get(key("shop", "a")).orElseThrow()).isEqualTo(current);
      current =
          store.update(key("shop", "a"), current.resourceVersion(), resized(current, i), ALICE);
    }
    store.delete(key("shop", "a"), current.resourceVersion(), ALICE);
    assertThat(store.get(key("shop", "a"))).isEmpty();
  }

  @Test
  void aWriteRefusedBecauseAnotherReplicaChangedTheObjectIsFollowedByFreshGets() {
    Resource created = create("shop", "a", Map.of());
    assertThat(store.get(key("shop", "a"))).contains(created); // now cached here
    PostgresResourceStore other = open(EventRetention.DEFAULT);
    Resource changed =
        other.update(key("shop", "a"), created.resourceVersion(), resized(created, 7), ALICE);

    assertThatThrownBy(() ->
            store.update(key("shop", "a"), created.resourceVersion(), resized(created, 8), ALICE))
        .isInstanceOf(ConflictException.class);

    assertThat(store.get(key("shop", "a"))).contains(changed);
  }

  @Test
  void aStoreOpenedLaterResumesWatchesFromTheSharedHistory() throws Exception {
    Resource a = create("shop", "a", Map.of());
    create("shop", "b", Map.of());

    PostgresResourceStore other = open(EventRetention.DEFAULT);
    try (var watch = other.watch(query("shop", ""), a.resourceVersion())) {
      assertThat(take(watch, 1).getFirst().object().name()).isEqualTo("b");
      store.delete(key("shop", "a"), 0, ALICE);
      assertThat(take(watch, 1).getFirst().type().name()).isEqualTo("DELETED");
    }
  }

  @Test
  void documentsReadBackKeepTheConventionalFieldOrder() {
    create("shop", "a", Map.of("app", "web"));

    Resource read = store.get(key("shop", "a")).orElseThrow();

    assertThat(read.json().fieldNames()).toIterable().startsWith("apiVersion", "kind", "metadata");
  }

  private static long countRows(String table) {
    return TestPostgres.database()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }
}
