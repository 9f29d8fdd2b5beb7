package dev.pilothouse.store;

import dev.pilothouse.core.error.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for creates. Callers queue their create and wait; one writer thread takes everything
 * that is waiting and writes it in one statement and one commit, then answers each caller with its
 * own outcome. At high load this divides the round trip, the statement overhead and the commit's
 * WAL flush by the batch size; at low load a batch is one create and costs one thread hand-off more
 * than writing directly. Nothing waits for a batch to fill.
 *
 * <p>Failures stay with their owner: a name conflict refuses only its create (see {@link
 * BatchCreate}); when the batch statement fails for another reason, which rolls the whole statement
 * back, each create is retried alone, so a bad item fails only itself. Only when the database is
 * unreachable does every waiter get the error at once.
 */
final class CreateBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CreateBatcher.class);

  /** Bounds one statement's size (and its parameter arrays); more waiting go in the next batch. */
  static final int MAX_BATCH = 256;

  /** Writes one batch, committed when it returns; throws client-safe errors (see StoreErrors). */
  @FunctionalInterface
  interface Writer {
    List<CreateOutcome> write(List<BatchCreate.Item> items);
  }

  private record Request(BatchCreate.Item item, CompletableFuture<CreateOutcome> outcome) {}

  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Writer writer;
  private final LongConsumer committed;
  private final List<Thread> threads;
  private volatile boolean running = true;

  /**
   * @param writers writer threads; with more than one, a batch is gathered and sent while the
   *     previous one commits (and one slow commit does not stall every create)
   * @param committed told, after each batch commits and before any of its callers is answered, the
   *     highest version it created (0 when it created none)
   */
  CreateBatcher(int writers, Writer writer, LongConsumer committed) {
    this.writer = writer;
    this.committed = committed;
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      started.add(
          Thread.ofPlatform().daemon().name("pilothouse-create-writer-" + i).start(this::loop));
    }
    this.threads = List.copyOf(started);
  }

  /** Queues a create and waits for its outcome (the write is durable when it is Created). */
  CreateOutcome create(BatchCreate.Item item) {
    Request request = new Request(item, new CompletableFuture<>());
    queue.add(request);
    if (!running) {
      failWaiting(); // close may have drained the queue before this request arrived
    }
    return request.outcome().join();
  }

  /** Creates queued and not yet taken by the writer (for tests and metrics). */
  int waiting() {
    return queue.size();
  }

  private void loop() {
    List<Request> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // A bug, not a database failure (write handles those): answer the waiters, keep serving.
        LOG.error("create writer failed", e);
        batch.forEach(r -> r.outcome().complete(failed(e)));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Request> batch) {
    List<CreateOutcome> outcomes;
    try {
      outcomes = writer.write(batch.stream().map(Request::item).toList());
    } catch (UnavailableException e) {
      batch.forEach(r -> r.outcome().complete(new CreateOutcome.Failed(copy(e, batch))));
      return;
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.getFirst().outcome().complete(new CreateOutcome.Failed(e));
        return;
      }
      // The statement rolled back whole; find the culprit by writing each create alone.
      for (Request r : batch) {
        write(List.of(r));
      }
      return;
    }
    committed.accept(highestVersion(outcomes));
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).outcome().complete(outcomes.get(i));
    }
  }

  private static long highestVersion(List<CreateOutcome> outcomes) {
    long highest = 0;
    for (CreateOutcome o : outcomes) {
      if (o instanceof CreateOutcome.Created c) {
        highest = Math.max(highest, c.version());
      }
    }
    return highest;
  }

  /** Each waiter gets its own exception instance (they are thrown on different threads). */
  private static RuntimeException copy(UnavailableException e, List<Request> batch) {
    return batch.size() == 1 ? e : new UnavailableException(e.getMessage(), e);
  }

  private static CreateOutcome failed(Throwable cause) {
    return new CreateOutcome.Failed(
        new UnavailableException("the create could not be written; try again", cause));
  }

  private void failWaiting() {
    for (Request r; (r = queue.poll()) != null; ) {
      r.outcome().complete(failed(new IllegalStateException("the resource store is closed")));
    }
  }

  /** Stops the writer after the batch in flight; creates still waiting fail as unavailable. */
  @Override
  public void close() {
    running = false;
    threads.forEach(Thread::interrupt);
    try {
      for (Thread t : threads) {
        t.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failWaiting();
  }
}
