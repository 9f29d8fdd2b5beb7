package dev.pilothouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceQuery;
import dev.pilothouse.core.resource.Watch;
import dev.pilothouse.core.resource.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrentWritesTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 200;

  private PostgresResourceStore store;

  @BeforeEach
  void open() {
    TestPostgres.truncate();
    store = new PostgresResourceStore(TestPostgres.database(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aWatcherFromVersionZeroSeesEveryConcurrentCreateExactlyOnceInOrder() throws Exception {
    ResourceQuery all = new ResourceQuery("example.dev", "Widget", null, LabelSelector.ALL);
    try (Watch watch = store.watch(all, 0)) {
      List<Long> written = writeConcurrently();
      List<WatchEvent> seen = drain(watch, written.size());

      List<Long> versions = seen.stream().map(e -> e.object().resourceVersion()).toList();
      assertThat(versions).isSorted().doesNotHaveDuplicates();
      assertThat(new HashSet<>(versions)).isEqualTo(new HashSet<>(written));
      assertThat(watch.next(Duration.ofMillis(200))).isNull();
      assertThat(store.list(all).items()).hasSize(THREADS * PER_THREAD);
    }
  }

  @Test
  void aListTakenDuringConcurrentWritesResumesWithoutGapsAndRepeatsOnlyListedVersions()
      throws Exception {
    ResourceQuery all = new ResourceQuery("example.dev", "Widget", null, LabelSelector.ALL);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<List<Long>> writing = pool.submit(this::writeConcurrently);
      Thread.sleep(50);
      var list = store.list(all);
      try (Watch watch = store.watch(all, list.resourceVersion())) {
        int total = writing.get().size();
        java.util.Map<String, Long> listed = new java.util.HashMap<>();
        list.items().forEach(r -> listed.put(r.name(), r.resourceVersion()));
        Set<String> names = new HashSet<>(listed.keySet());
        // When writers race the list, its resourceVersion may be older than some items (the store
        // never reports one it cannot vouch for): a watch may then repeat a listed change, but
        // only at a version the list already showed, and never miss one.
        while (names.size() < total) {
          // A missed event never arrives however long we wait; 30 s only absorbs a starved machine.
          WatchEvent e = watch.next(Duration.ofSeconds(30));
          assertThat(e).as("%d of %d objects seen", names.size(), total).isNotNull();
          Long seen = listed.get(e.object().name());
          assertThat(seen == null || e.object().resourceVersion() <= seen).isTrue();
          names.add(e.object().name());
        }
        assertThat(names).hasSize(total);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racingCreatesOfTheSameNamesGiveOneWinnerEachAndAWatchSeesExactlyTheWinnersInOrder()
      throws Exception {
    ResourceQuery all = new ResourceQuery("example.dev", "Widget", null, LabelSelector.ALL);
    int names = 300;
    int racers = 3;
    try (Watch watch = store.watch(all, 0);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Resource>> attempts = new ArrayList<>();
      for (int i = 0; i < names * racers; i++) {
        String name = "race-" + (i % names);
        attempts.add(
            pool.submit(() -> {
              start.await();
              return createOrNull(name);
            }));
      }
      start.countDown();
      Map<String, Long> winners = new HashMap<>();
      for (Future<Resource> f : attempts) {
        Resource r = f.get();
        if (r != null) {
          assertThat(winners.put(r.name(), r.resourceVersion())).as(r.name()).isNull();
        }
      }
      assertThat(winners).hasSize(names);

      List<WatchEvent> seen = drain(watch, names);
      List<Long> versions = seen.stream().map(e -> e.object().resourceVersion()).toList();
      assertThat(versions).isSorted().doesNotHaveDuplicates();
      seen.forEach(
          e -> assertThat(e.object().resourceVersion()).isEqualTo(winners.get(e.object().name())));
      assertThat(watch.next(Duration.ofMillis(200))).isNull();
    }
  }

  /** The created object, or null when the name was taken. */
  private Resource createOrNull(String name) {
    ObjectNode doc = Json.object().put("apiVersion", "example.dev/v1").put("kind", "Widget");
    doc.putObject("metadata").put("name", name).put("namespace", "race");
    try {
      return store.create(
          new ResourceKey("example.dev", "Widget", "race", name), Resource.of(doc), new Actor("t"));
    } catch (AlreadyExistsException e) {
      return null;
    }
  }

  private List<Long> writeConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> createMany(thread)));
      }
      List<Long> versions = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        versions.addAll(f.get());
      }
      return versions;
    } finally {
      pool.shutdown();
    }
  }

  private List<Long> createMany(int thread) {
    List<Long> versions = new ArrayList<>();
    for (int i = 0; i < PER_THREAD; i++) {
      String name = "w-" + thread + "-" + i;
      ObjectNode doc = Json.object().put("apiVersion", "example.dev/v1").put("kind", "Widget");
      doc.putObject("metadata").put("name", name).put("namespace", "ns" + thread);
      ResourceKey key = new ResourceKey("example.dev", "Widget", "ns" + thread, name);
      versions.add(store.create(key, Resource.of(doc), new Actor("t")).resourceVersion());
    }
    return versions;
  }

  private List<WatchEvent> drain(Watch watch, int count) throws InterruptedException {
    List<WatchEvent> seen = new ArrayList<>();
    while (seen.size() < count) {
      WatchEvent e = watch.next(Duration.ofSeconds(10));
      assertThat(e)
          .as(
              "event %d of %d (last %s, published %d)",
              seen.size() + 1,
              count,
              seen.isEmpty() ? 0 : seen.getLast().object().resourceVersion(),
              store.currentVersion())
          .isNotNull();
      seen.add(e);
    }
    return seen;
  }
}
