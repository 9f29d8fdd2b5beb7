package dev.pilothouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.UnavailableException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Group commit on the real embedded PostgreSQL. The writer is held on one batch (a "blocker"
 * create) until the other creates have queued, so the next batch holds all of them (a deterministic
 * batch, not a hoped-for one).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a bug here hangs a waiter: fail instead
class CreateBatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final List<Long> committed = new CopyOnWriteArrayList<>();

  /** When set, the writer holds its next batch until this opens. */
  private volatile CountDownLatch gate;

  /** Every gate handed out, opened after each test so no writer stays held. */
  private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

  private volatile CreateBatcher.Writer database =
      items ->
          Jdbc.withConnection(
              TestPostgres.database().dataSource(),
              c -> BatchCreate.write(c, items, Instant.now()));
  private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
  private CreateBatcher batcher;

  @BeforeEach
  void open() {
    TestPostgres.truncate();
    batcher = new CreateBatcher(1, this::writeThroughTheGate, committed::add);
  }

  @AfterEach
  void close() {
    openGates();
    batcher.close();
    callers.shutdownNow();
    dropTrigger();
  }

  @Test
  void everyCallerInOneBatchGetsItsOwnAnswerAndADuplicateNameHasExactlyOneWinner()
      throws Exception {
    assertThat(createAlone("taken")).isInstanceOf(CreateOutcome.Created.class);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      names.add("w-" + i);
    }
    names.addAll(List.of("w-3", "w-7", "taken", "w-3"));

    List<CreateOutcome> outcomes = createInOneBatch(names);

    assertThat(batchSizes).containsExactly(1, 1, names.size());
    // The callers queue in no fixed order, so which of two duplicates wins is open; that one wins
    // and every other attempt at the name gets Exists is not.
    Map<String, Integer> created = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (outcomes.get(i) instanceof CreateOutcome.Created) {
        created.merge(names.get(i), 1, Integer::sum);
      } else {
        assertThat(outcomes.get(i)).as(names.get(i)).isInstanceOf(CreateOutcome.Exists.class);
      }
    }
    assertThat(created.keySet()).hasSize(12).doesNotContain("taken");
    assertThat(created.values()).containsOnly(1);
    List<Long> versions = createdVersions(outcomes);
    assertThat(versions).hasSize(12).doesNotHaveDuplicates();
    assertThat(committed.getLast()).isEqualTo(versions.stream().max(Long::compare).orElseThrow());
    // "taken", the blocker and the twelve distinct names
    assertThat(count("resources")).isEqualTo(14);
    assertThat(count("resource_events")).isEqualTo(14);
    assertThat(count("audit_log")).isEqualTo(14);
    assertThat(storedVersions()).containsAll(versions);
  }

  @Test
  void aCreateTheDatabaseRejectsFailsAloneAndItsBatchNeighboursAreWritten() throws Exception {
    addTrigger("NEW.name LIKE 'poison%'");
    createAlone("warm-up");
    List<String> names = List.of("a", "poison-1", "b", "c", "poison-2", "d");

    List<CreateOutcome> outcomes = createInOneBatch(names);

    for (int i = 0; i < names.size(); i++) {
      assertThat(outcomes.get(i))
          .as(names.get(i))
          .isInstanceOf(
              names.get(i).startsWith("poison")
                  ? CreateOutcome.Failed.class
                  : CreateOutcome.Created.class);
    }
    // The whole batch, then each create alone to find the culprits.
    assertThat(batchSizes.subList(2, batchSizes.size())).containsExactly(6, 1, 1, 1, 1, 1, 1);
    // the warm-up, the blocker and a, b, c, d
    assertThat(count("resources")).isEqualTo(6);
    assertThat(count("resource_events")).isEqualTo(6);
    assertThat(count("audit_log")).isEqualTo(6);
  }

  @Test
  void whenTheDatabaseRejectsEverythingEveryWaiterGetsAnErrorAndNothingIsWritten()
      throws Exception {
    addTrigger("true");
    List<CreateOutcome> outcomes = createInOneBatch(List.of("a", "b", "c", "d"));

    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(CreateOutcome.Failed.class));
    assertThat(outcomes.stream().map(o -> ((CreateOutcome.Failed) o).error()).distinct())
        .as("each waiter gets its own exception")
        .hasSize(outcomes.size());
    assertThat(committed).isEmpty();
    assertThat(count("resources") + count("resource_events") + count("audit_log")).isZero();
  }

  @Test
  void anUnreachableDatabaseFailsTheWholeBatchAtOnceWithoutRetryingEachCreate() throws Exception {
    database =
        items -> {
          throw new UnavailableException("the database is unavailable; try again shortly");
        };
    List<CreateOutcome> outcomes = createInOneBatch(List.of("a", "b", "c"));

    assertThat(batchSizes).containsExactly(1, 3);
    assertThat(outcomes)
        .allSatisfy(o ->
            assertThat(((CreateOutcome.Failed) o).error())
                .isInstanceOf(UnavailableException.class));
    assertThat(outcomes.stream().map(o -> ((CreateOutcome.Failed) o).error()).distinct())
        .hasSize(3);
  }

  @Test
  void createsWaitingWhenTheBatcherClosesFailInsteadOfHanging() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    gates.add(hold);
    gate = hold;
    Future<CreateOutcome> held = callers.submit(() -> batcher.create(item("held")));
    await().atMost(WAIT).until(() -> batchSizes.size() == 1);
    Future<CreateOutcome> waiting = callers.submit(() -> batcher.create(item("waiting")));
    await().atMost(WAIT).until(() -> batcher.waiting() == 1);

    Thread closer = Thread.ofVirtual().start(batcher::close);
    hold.countDown();
    closer.join(WAIT);

    assertThat(held.get()).isInstanceOf(CreateOutcome.Created.class);
    assertThat(waiting.get()).isInstanceOf(CreateOutcome.Failed.class);
    assertThat(count("resources")).isEqualTo(1);
  }

  /**
   * Records the batch size, holds the batch while the gate is closed, then writes. The hold ignores
   * close's interrupt until the gate opens, and the interrupt is kept off the database call so that
   * the held batch is written like any batch in flight.
   */
  private List<CreateOutcome> writeThroughTheGate(List<BatchCreate.Item> items) {
    batchSizes.add(items.size());
    CountDownLatch g = gate;
    gate = null;
    boolean interrupted = false;
    while (g != null && g.getCount() > 0) {
      try {
        g.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      return database.write(items);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void openGates() {
    gates.forEach(CountDownLatch::countDown);
  }

  /** A create written in a batch of its own. */
  private CreateOutcome createAlone(String name) throws Exception {
    return callers.submit(() -> batcher.create(item(name))).get();
  }

  /** Queues every create behind a held batch, then lets them go as one batch. */
  private List<CreateOutcome> createInOneBatch(List<String> names) throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    gates.add(hold);
    gate = hold;
    int before = batchSizes.size();
    Future<CreateOutcome> blocker = callers.submit(() -> batcher.create(item("blocker")));
    await().atMost(WAIT).until(() -> batchSizes.size() == before + 1);
    List<Future<CreateOutcome>> futures = new ArrayList<>();
    for (String name : names) {
      futures.add(callers.submit(() -> batcher.create(item(name))));
    }
    await().atMost(WAIT).until(() -> batcher.waiting() == names.size());
    hold.countDown();
    blocker.get();
    List<CreateOutcome> outcomes = new ArrayList<>();
    for (Future<CreateOutcome> f : futures) {
      outcomes.add(f.get());
    }
    return outcomes;
  }

  private static BatchCreate.Item item(String name) {
    ObjectNode doc = Json.object().put("apiVersion", "example.dev/v1").put("kind", "Widget");
    doc.putObject("metadata").put("name", name).put("namespace", "ns");
    return BatchCreate.Item.of(
        new ResourceKey("example.dev", "Widget", "ns", name),
        Resource.of(doc),
        new Actor("t"),
        new DocumentCodec(dev.pilothouse.store.encryption.StorageEncryption.none()));
  }

  private static List<Long> createdVersions(List<CreateOutcome> outcomes) {
    return outcomes.stream()
        .filter(o -> o instanceof CreateOutcome.Created)
        .map(o -> ((CreateOutcome.Created) o).version())
        .toList();
  }

  private static long count(String table) {
    return TestPostgres.database()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  private static HashSet<Long> storedVersions() {
    return new HashSet<>(
        TestPostgres.database()
            .jdbi()
            .withHandle(h ->
                h.createQuery(
                        "SELECT r.resource_version FROM resources r JOIN resource_events e"
                            + " USING (resource_version) JOIN audit_log a"
                            + " ON a.after_version = r.resource_version")
                    .mapTo(Long.class)
                    .list()));
  }

  private static void addTrigger(String condition) {
    TestPostgres.database()
        .jdbi()
        .useHandle(h -> {
          h.execute(
              "CREATE OR REPLACE FUNCTION test_reject() RETURNS trigger AS $$ BEGIN IF "
                  + condition
                  + " THEN RAISE EXCEPTION 'rejected by test'; END IF; RETURN NEW; END $$"
                  + " LANGUAGE plpgsql");
          h.execute(
              "CREATE TRIGGER test_reject BEFORE INSERT ON resources"
                  + " FOR EACH ROW EXECUTE FUNCTION test_reject()");
        });
  }

  private static void dropTrigger() {
    TestPostgres.database()
        .jdbi()
        .useHandle(h -> h.execute("DROP TRIGGER IF EXISTS test_reject ON resources"));
  }
}
