package dev.pilothouse.core.control;

import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceList;
import dev.pilothouse.core.resource.ResourceQuery;
import dev.pilothouse.core.resource.ResourceStore;
import dev.pilothouse.core.resource.Watch;
import dev.pilothouse.core.resource.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a {@link Reconciler} for every object of one kind: lists and watches the kind (re-listing
 * when the watch expires), queues keys on every change (and the owners' keys of changed dependents
 * through {@code triggers}), and reconciles them on worker threads with backoff on failure. Each
 * reconcile runs with MDC {@code reconcileId} and {@code object} for log correlation.
 */
public final class ControllerLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);

  private final String name;
  private final ResourceStore store;
  private final Reconciler reconciler;
  private final Backoff backoff;
  private final WorkQueue<ResourceKey> queue = new WorkQueue<>();
  private final Map<ResourceKey, Integer> failures = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Trigger> triggers = new ArrayList<>();
  private volatile boolean running = true;
  private long reconciles;

  /** A watched kind whose changes queue the keys {@code map} returns (e.g. an owner's key). */
  private record Trigger(KindInfo kind, Function<Resource, List<ResourceKey>> map) {}

  /** A loop for {@code kind}; call {@link #watchAlso} for dependents, then {@link #start}. */
  public ControllerLoop(
      String name, ResourceStore store, KindInfo kind, Reconciler reconciler, Backoff backoff) {
    this.name = name;
    this.store = store;
    this.reconciler = reconciler;
    this.backoff = backoff;
    triggers.add(new Trigger(kind, r -> List.of(ResourceKey.of(kind, r.namespace(), r.name()))));
  }

  /** Also reconcile the keys {@code map} derives from changes of another kind. */
  public ControllerLoop watchAlso(KindInfo kind, Function<Resource, List<ResourceKey>> map) {
    triggers.add(new Trigger(kind, map));
    return this;
  }

  /** Starts one watcher per watched kind and {@code workers} reconcile threads. */
  public ControllerLoop start(int workers) {
    for (Trigger t : triggers) {
      threads.add(
          Thread.ofPlatform()
              .daemon()
              .name(name + "-watch-" + t.kind().plural())
              .start(() -> watchForever(t)));
    }
    for (int i = 0; i < workers; i++) {
      threads.add(Thread.ofPlatform().daemon().name(name + "-worker-" + i).start(this::work));
    }
    return this;
  }

  /** Queues a key now (e.g. after an API action). */
  public void enqueue(ResourceKey key) {
    queue.add(key);
  }

  /** Keys waiting to be reconciled. */
  public int queueDepth() {
    return queue.depth();
  }

  private void watchForever(Trigger t) {
    ResourceQuery query =
        new ResourceQuery(t.kind().group(), t.kind().kind(), null, LabelSelector.ALL);
    int failures = 0;
    while (running) {
      try {
        listAndWatch(t, query);
        failures = 0;
      } catch (GoneException e) {
        LOG.atInfo().addKeyValue("controller", name).log("watch expired; listing again");
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The store may be briefly unavailable: back off and list again rather than stop watching.
        Duration delay = backoff.delay(++failures);
        LOG.atWarn()
            .setCause(e)
            .addKeyValue("controller", name)
            .addKeyValue("retryIn", delay)
            .log("watch failed");
        if (!sleep(delay)) {
          return;
        }
      }
    }
  }

  private void listAndWatch(Trigger t, ResourceQuery query) throws InterruptedException {
    ResourceList list = store.list(query);
    list.items().forEach(r -> t.map().apply(r).forEach(queue::add));
    try (Watch watch = store.watch(query, list.resourceVersion())) {
      while (running) {
        WatchEvent e = watch.next(Duration.ofMillis(500));
        if (e != null) {
          t.map().apply(e.object()).forEach(queue::add);
        }
      }
    }
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void work() {
    while (running) {
      ResourceKey key;
      try {
        key = queue.take(Duration.ofMillis(500));
      } catch (InterruptedException e) {
        return;
      }
      if (key != null) {
        try {
          reconcileOnce(key);
        } finally {
          queue.done(key);
        }
      }
    }
  }

  private void reconcileOnce(ResourceKey key) {
    String id = name + "-" + nextId();
    try (var a = MDC.putCloseable("reconcileId", id);
        var b = MDC.putCloseable("object", key.toString())) {
      ReconcileResult result = reconciler.reconcile(key);
      failures.remove(key);
      if (result instanceof ReconcileResult.RequeueAfter(Duration delay)) {
        queue.addAfter(key, delay);
      }
    } catch (Exception e) {
      int n = failures.merge(key, 1, Integer::sum);
      Duration delay = backoff.delay(n);
      LOG.atWarn()
          .setCause(e)
          .addKeyValue("failures", n)
          .addKeyValue("retryIn", delay)
          .log("reconcile failed");
      queue.addAfter(key, delay);
    }
  }

  private synchronized long nextId() {
    return ++reconciles;
  }

  @Override
  public void close() {
    running = false;
    threads.forEach(Thread::interrupt);
  }
}
