package dev.pilothouse.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ControllerLoopTest {
  private final KindRegistry kinds = KindRegistry.builtin();
  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final ResourceService service = new ResourceService(kinds, store, Clock.systemUTC());
  private final KindInfo configMaps = kinds.byPath("", "v1", "configmaps");

  private void create(String name) {
    service.create(
        configMaps,
        "ns",
        Json.parse(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                + name
                + "\"}}"),
        Actor.SYSTEM);
  }

  @Test
  void reconcilesExistingAndNewObjects() throws Exception {
    create("before");
    List<String> seen = new CopyOnWriteArrayList<>();
    try (ControllerLoop loop =
        new ControllerLoop(
                "test",
                store,
                configMaps,
                key -> {
                  seen.add(key.name());
                  return ReconcileResult.done();
                },
                Backoff.DEFAULT)
            .start(2)) {
      waitFor(() -> seen.contains("before"));
      create("after");
      waitFor(() -> seen.contains("after"));
    }
    assertThat(seen).contains("before", "after");
  }

  @Test
  void failedReconcilesAreRetriedWithBackoffUntilTheySucceed() throws Exception {
    create("flaky");
    AtomicInteger attempts = new AtomicInteger();
    Backoff fast = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    try (ControllerLoop loop =
        new ControllerLoop(
                "test",
                store,
                configMaps,
                key -> {
                  if (attempts.incrementAndGet() < 3) {
                    throw new IllegalStateException("not yet");
                  }
                  return ReconcileResult.done();
                },
                fast)
            .start(1)) {
      waitFor(() -> attempts.get() >= 3);
      Thread.sleep(200);
    }
    assertThat(attempts.get()).isEqualTo(3);
  }

  @Test
  void requeueAfterRunsTheReconcileAgain() throws Exception {
    create("timer");
    AtomicInteger runs = new AtomicInteger();
    try (ControllerLoop loop =
        new ControllerLoop(
                "test",
                store,
                configMaps,
                key -> {
                  runs.incrementAndGet();
                  return ReconcileResult.after(Duration.ofMillis(20));
                },
                Backoff.DEFAULT)
            .start(1)) {
      waitFor(() -> runs.get() >= 3);
    }
    assertThat(runs.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void watchingSurvivesAStoreThatFailsForAWhile() throws Exception {
    java.util.concurrent.atomic.AtomicInteger failuresLeft =
        new java.util.concurrent.atomic.AtomicInteger(3);
    dev.pilothouse.core.resource.ResourceStore flaky =
        new ForwardingStore(store) {
          @Override
          public dev.pilothouse.core.resource.ResourceList list(
              dev.pilothouse.core.resource.ResourceQuery q) {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new dev.pilothouse.core.error.UnavailableException("database restarting");
            }
            return super.list(q);
          }
        };
    create("patient");
    List<String> seen = new CopyOnWriteArrayList<>();
    Backoff fast = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    try (ControllerLoop loop =
        new ControllerLoop(
                "test",
                flaky,
                configMaps,
                key -> {
                  seen.add(key.name());
                  return ReconcileResult.done();
                },
                fast)
            .start(1)) {
      waitFor(() -> seen.contains("patient"));
    }
    assertThat(failuresLeft.get()).isNegative();
  }

  @Test
  void aKeyIsNeverReconciledByTwoWorkersAtOnce() throws Exception {
    WorkQueue<ResourceKey> queue = new WorkQueue<>();
    ResourceKey key = new ResourceKey("", "ConfigMap", "ns", "x");
    queue.add(key);
    assertThat(queue.take(Duration.ofMillis(100))).isEqualTo(key);

    queue.add(key);

    assertThat(queue.take(Duration.ofMillis(50))).isNull();
    queue.done(key);
    assertThat(queue.take(Duration.ofMillis(100))).isEqualTo(key);
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.delay(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(b.delay(10)).isEqualTo(Duration.ofSeconds(1));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(10);
    }
  }
}
