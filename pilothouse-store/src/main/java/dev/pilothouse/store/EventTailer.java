package dev.pilothouse.store;

import dev.pilothouse.core.resource.WatchHub;
import dev.pilothouse.core.resource.WatchHub.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed events to the {@link WatchHub} in resourceVersion order, exactly once. Runs
 * on its own thread, woken after each local commit and polling for other replicas' writes.
 */
final class EventTailer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventTailer.class);
  private static final int BATCH = 2_000;
  private static final long RECHECK_MILLIS = 2;

  private final DataSource dataSource;
  private final DocumentCodec codec;
  private final WatchHub hub;
  private final Consumer<List<StoredEvent>> beforePublish;
  private final SafeWatermark watermark;
  private final Duration pollInterval;
  private final Runnable housekeeping;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;
  private boolean woken;
  private volatile boolean running = true;
  private volatile long published;

  EventTailer(
      DataSource dataSource,
      WatchHub hub,
      Consumer<List<StoredEvent>> beforePublish,
      long start,
      Duration pollInterval,
      Runnable housekeeping,
      DocumentCodec codec) {
    this.dataSource = dataSource;
    this.codec = codec;
    this.hub = hub;
    this.beforePublish = beforePublish;
    this.watermark = new SafeWatermark(start);
    this.published = start;
    this.pollInterval = pollInterval;
    this.housekeeping = housekeeping;
    this.thread =
        Thread.ofPlatform().daemon().name("pilothouse-event-tailer").unstarted(this::loop);
  }

  /** A watermark to start from: waits until writers running now have finished. */
  static long initialWatermark(DataSource dataSource) {
    SafeWatermark probe = new SafeWatermark(0);
    return Jdbc.withConnection(
        dataSource,
        c -> {
          while (probe.probe(c)) {
            sleep(RECHECK_MILLIS);
          }
          return probe.safe();
        });
  }

  void start() {
    thread.start();
  }

  /** Highest version published (all events up to it are final and delivered to the hub). */
  long publishedVersion() {
    return published;
  }

  /** Asks for a pass now, e.g. after a local commit. */
  void wake() {
    lock.lock();
    try {
      woken = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code version} is published; false on timeout. */
  boolean awaitPublished(long version, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    wake();
    lock.lock();
    try {
      while (published < version) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (running) {
      boolean unsettled;
      try {
        unsettled = pass();
        housekeeping.run();
      } catch (RuntimeException e) {
        // The database may be restarting; the next pass resumes from the last published version.
        LOG.warn("event tailer pass failed; retrying", e);
        unsettled = false;
      }
      awaitWork(unsettled ? RECHECK_MILLIS : pollInterval.toMillis());
    }
  }

  private boolean pass() {
    return Jdbc.withConnection(
        dataSource,
        c -> {
          boolean unsettled = watermark.probe(c);
          long target = watermark.safe();
          while (published < target) {
            List<StoredEvent> batch = EventRows.read(c, published, target, BATCH, codec);
            beforePublish.accept(batch);
            hub.publish(batch);
            long reached =
                batch.size() < BATCH ? target : batch.getLast().event().object().resourceVersion();
            advance(reached);
          }
          return unsettled;
        });
  }

  private void advance(long version) {
    lock.lock();
    try {
      published = version;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void awaitWork(long millis) {
    lock.lock();
    try {
      if (!woken && running) {
        changed.await(millis, TimeUnit.MILLISECONDS);
      }
      woken = false;
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for running writers", e);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
