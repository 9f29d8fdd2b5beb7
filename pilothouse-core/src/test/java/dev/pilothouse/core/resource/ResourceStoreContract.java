package dev.pilothouse.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.audit.AuditEntry;
import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ResourceStore} must have. Implementations extend this class; stores
 * are expected to also implement {@link AuditLog}.
 */
public abstract class ResourceStoreContract {
  protected static final Actor ALICE = new Actor("alice");
  private static final Duration WAIT = Duration.ofSeconds(5);

  protected ResourceStore store;

  /** A fresh, empty store (implementing {@link AuditLog}) with ample history. */
  protected abstract ResourceStore newStore();

  /**
   * A fresh, empty store that keeps only the newest {@code events} events for watch resumption once
   * {@link #compact} ran.
   */
  protected abstract ResourceStore newStoreKeepingEvents(int events);

  /** Applies the store's retention now (no-op for stores that compact as they go). */
  protected abstract void compact(ResourceStore store);

  @Test
  void updateAllWritesNothingWhenOneObjectChangedMeanwhileAndEverythingOtherwise() {
    Resource a = create("ns", "a", Map.of());
    Resource b = create("ns", "b", Map.of());
    Resource c = create("ns", "c", Map.of());
    Resource bNow = store.update(key("ns", "b"), b.resourceVersion(), resized(b, 5), ALICE);
    int audited = ((AuditLog) store).recent(null, 1000).size();

    assertThatThrownBy(() ->
            store.updateAll(
                List.of(
                    new ResourceStore.Update(key("ns", "a"), a.resourceVersion(), resized(a, 2)),
                    new ResourceStore.Update(key("ns", "b"), b.resourceVersion(), resized(b, 2)),
                    new ResourceStore.Update(key("ns", "c"), c.resourceVersion(), resized(c, 2))),
                ALICE))
        .isInstanceOf(ConflictException.class);

    assertThat(store.get(key("ns", "a")).orElseThrow()).isEqualTo(a);
    assertThat(store.get(key("ns", "b")).orElseThrow()).isEqualTo(bNow);
    assertThat(store.get(key("ns", "c")).orElseThrow()).isEqualTo(c);
    assertThat(((AuditLog) store).recent(null, 1000)).hasSize(audited);

    List<Resource> written =
        store.updateAll(
            List.of(
                new ResourceStore.Update(key("ns", "a"), a.resourceVersion(), resized(a, 2)),
                new ResourceStore.Update(key("ns", "b"), bNow.resourceVersion(), resized(b, 2))),
            ALICE);
    assertThat(written)
        .extracting(r -> r.json().path("spec").path("size").asInt())
        .containsExactly(2, 2);
    assertThat(written.get(1).resourceVersion()).isGreaterThan(written.get(0).resourceVersion());
    assertThat(store.get(key("ns", "b")).orElseThrow()).isEqualTo(written.get(1));
    assertThat(((AuditLog) store).recent(null, 1000)).hasSize(audited + 2);
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  protected static ResourceKey key(String namespace, String name) {
    return new ResourceKey("example.dev", "Widget", namespace, name);
  }

  protected static Resource widget(String namespace, String name, Map<String, String> labels) {
    ObjectNode doc = Json.object();
    doc.put("apiVersion", "example.dev/v1").put("kind", "Widget");
    ObjectNode metadata = doc.putObject("metadata").put("name", name).put("namespace", namespace);
    labels.forEach(metadata.putObject("labels")::put);
    doc.putObject("spec").put("size", 1);
    return Resource.of(doc);
  }

  protected static Resource widget(String namespace, String name) {
    return widget(namespace, name, Map.of());
  }

  protected Resource create(String namespace, String name, Map<String, String> labels) {
    return store.create(key(namespace, name), widget(namespace, name, labels), ALICE);
  }

  protected static Resource resized(Resource r, int size) {
    ObjectNode doc = r.toJson();
    doc.with("spec").put("size", size);
    return Resource.of(doc);
  }

  protected static ResourceQuery query(String namespace, String selector) {
    return new ResourceQuery("example.dev", "Widget", namespace, LabelSelector.parse(selector));
  }

  protected static List<WatchEvent> take(Watch watch, int count) throws InterruptedException {
    List<WatchEvent> events = new ArrayList<>();
    while (events.size() < count) {
      WatchEvent e = watch.next(WAIT);
      assertThat(e).as("event %d of %d", events.size() + 1, count).isNotNull();
      events.add(e);
    }
    return events;
  }

  private static List<String> names(List<WatchEvent> events) {
    return events.stream().map(e -> e.type() + " " + e.object().name()).toList();
  }

  @Test
  void createdObjectCanBeReadBackWithItsResourceVersion() {
    Resource created = create("shop", "a", Map.of("app", "web"));

    assertThat(created.resourceVersion()).isPositive();
    assertThat(store.get(key("shop", "a"))).contains(created);
    assertThat(store.get(key("shop", "b"))).isEmpty();
  }

  @Test
  void creatingAnExistingKeyFailsAndKeepsTheOriginal() {
    Resource original = create("shop", "a", Map.of("app", "web"));

    assertThatThrownBy(() -> create("shop", "a", Map.of("app", "other")))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(store.get(key("shop", "a"))).contains(original);
  }

  @Test
  void updateWithCurrentVersionStoresANewVersion() {
    Resource created = create("shop", "a", Map.of());

    Resource updated =
        store.update(key("shop", "a"), created.resourceVersion(), resized(created, 2), ALICE);

    assertThat(updated.resourceVersion()).isGreaterThan(created.resourceVersion());
    assertThat(store.get(key("shop", "a"))).contains(updated);
  }

  @Test
  void replaceWithStaleResourceVersionConflictsAndKeepsStoredObject() {
    Resource created = create("shop", "a", Map.of());
    Resource current =
        store.update(key("shop", "a"), created.resourceVersion(), resized(created, 2), ALICE);

    assertThatThrownBy(() ->
            store.update(key("shop", "a"), created.resourceVersion(), resized(created, 3), ALICE))
        .isInstanceOf(ConflictException.class);
    assertThat(store.get(key("shop", "a"))).contains(current);
  }

  @Test
  void updateOrDeleteOfAMissingObjectIsNotFound() {
    assertThatThrownBy(() -> store.update(key("shop", "x"), 1, widget("shop", "x"), ALICE))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.delete(key("shop", "x"), 0, ALICE))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteReturnsTheLastStateWithANewVersionAndRemovesTheObject() {
    Resource created = create("shop", "a", Map.of("app", "web"));

    Resource deleted = store.delete(key("shop", "a"), created.resourceVersion(), ALICE);

    assertThat(deleted.resourceVersion()).isGreaterThan(created.resourceVersion());
    assertThat(deleted.labels()).containsEntry("app", "web");
    assertThat(store.get(key("shop", "a"))).isEmpty();
  }

  @Test
  void deleteWithStaleVersionConflictsAndUnconditionalDeleteSucceeds() {
    Resource created = create("shop", "a", Map.of());
    store.update(key("shop", "a"), created.resourceVersion(), resized(created, 2), ALICE);

    assertThatThrownBy(() -> store.delete(key("shop", "a"), created.resourceVersion(), ALICE))
        .isInstanceOf(ConflictException.class);
    assertThat(store.get(key("shop", "a"))).isPresent();
    store.delete(key("shop", "a"), 0, ALICE);
    assertThat(store.get(key("shop", "a"))).isEmpty();
  }

  @Test
  void listFiltersByNamespaceAndSortsByNamespaceThenName() {
    create("shop", "b", Map.of());
    create("shop", "a", Map.of());
    Resource last = create("books", "z", Map.of());

    ResourceList shop = store.list(query("shop", ""));
    ResourceList all = store.list(query(null, ""));

    assertThat(shop.items()).extracting(Resource::name).containsExactly("a", "b");
    assertThat(all.items())
        .extracting(r -> r.namespace() + "/" + r.name())
        .containsExactly("books/z", "shop/a", "shop/b");
    assertThat(all.resourceVersion()).isGreaterThanOrEqualTo(last.resourceVersion());
  }

  @Test
  void listFiltersByEqualityAndInequalityLabelSelectors() {
    create("shop", "web", Map.of("app", "web", "tier", "front"));
    create("shop", "api", Map.of("app", "api", "tier", "back"));
    create("shop", "bare", Map.of());

    assertThat(store.list(query("shop", "app=web")).items())
        .extracting(Resource::name)
        .containsExactly("web");
    assertThat(store.list(query("shop", "app!=web")).items())
        .extracting(Resource::name)
        .containsExactly("api", "bare");
    assertThat(store.list(query("shop", "tier=back,app!=web")).items())
        .extracting(Resource::name)
        .containsExactly("api");
  }

  @Test
  void watchFromAVersionReplaysLaterEventsInOrderThenLiveOnes() throws Exception {
    Resource a = create("shop", "a", Map.of());
    create("shop", "b", Map.of());
    store.update(key("shop", "a"), a.resourceVersion(), resized(a, 5), ALICE);

    try (Watch watch = store.watch(query("shop", ""), a.resourceVersion())) {
      List<WatchEvent> replayed = take(watch, 2);
      store.delete(key("shop", "b"), 0, ALICE);
      List<WatchEvent> live = take(watch, 1);

      assertThat(names(replayed)).containsExactly("ADDED b", "MODIFIED a");
      assertThat(names(live)).containsExactly("DELETED b");
      assertThat(live.getFirst().object().resourceVersion())
          .isGreaterThan(replayed.getLast().object().resourceVersion());
    }
  }

  @Test
  void watchFromAListVersionDeliversOnlyLaterChanges() throws Exception {
    create("shop", "a", Map.of());
    ResourceList list = store.list(query("shop", ""));

    try (Watch watch = store.watch(query("shop", ""), list.resourceVersion())) {
      create("shop", "b", Map.of());
      assertThat(names(take(watch, 1))).containsExactly("ADDED b");
      assertThat(watch.next(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void watchWithSelectorDeliversOnlyMatchingObjects() throws Exception {
    try (Watch watch = store.watch(query(null, "app=web"), store.currentVersion())) {
      create("shop", "api", Map.of("app", "api"));
      create("books", "web", Map.of("app", "web"));

      assertThat(names(take(watch, 1))).containsExactly("ADDED web");
      assertThat(watch.next(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void watchFromAVersionOlderThanTheRetainedHistoryIsGone() throws Exception {
    store = newStoreKeepingEvents(3);
    List<Resource> created = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      created.add(create("shop", "w" + i, Map.of()));
    }
    compact(store);

    assertThatThrownBy(() -> store.watch(query("shop", ""), created.get(0).resourceVersion()))
        .isInstanceOf(GoneException.class);
    try (Watch watch = store.watch(query("shop", ""), created.get(6).resourceVersion())) {
      assertThat(names(take(watch, 3))).containsExactly("ADDED w7", "ADDED w8", "ADDED w9");
    }
  }

  @Test
  void everyMutationIsAuditedWithItsVersions() {
    Resource a = create("shop", "a", Map.of());
    Resource b = store.update(key("shop", "a"), a.resourceVersion(), resized(a, 2), ALICE);
    Resource c = store.delete(key("shop", "a"), 0, new Actor("bob"));
    create("books", "x", Map.of());

    List<AuditEntry> shop = ((AuditLog) store).recent("shop", 10);

    assertThat(shop)
        .extracting(
            AuditEntry::verb,
            AuditEntry::actor,
            AuditEntry::beforeVersion,
            AuditEntry::afterVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("delete", "bob", b.resourceVersion(), 0L),
            org.assertj.core.groups.Tuple.tuple(
                "update", "alice", a.resourceVersion(), b.resourceVersion()),
            org.assertj.core.groups.Tuple.tuple("create", "alice", 0L, a.resourceVersion()));
    assertThat(shop.getFirst().target()).isEqualTo(key("shop", "a").toString());
    assertThat(c.resourceVersion()).isGreaterThan(b.resourceVersion());
    assertThat(((AuditLog) store).recent(null, 10)).hasSize(4);
    assertThat(((AuditLog) store).recent(null, 2)).hasSize(2);
  }

  @Test
  void resourceVersionsStrictlyIncreaseAcrossObjects() {
    long previous = 0;
    for (int i = 0; i < 20; i++) {
      Resource r = create(i % 2 == 0 ? "shop" : "books", "w" + i, Map.of());
      assertThat(r.resourceVersion()).isGreaterThan(previous);
      previous = r.resourceVersion();
    }
  }
}
