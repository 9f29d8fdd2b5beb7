package dev.pilothouse.core.resource;

import java.time.Duration;

/**
 * An open watch: a bounded queue of events in resourceVersion order. Consumers pull, so a slow
 * consumer cannot stall the store; when it falls too far behind, the watch ends with {@link
 * dev.pilothouse.core.error.GoneException} and the consumer re-lists, as with Kubernetes.
 */
public interface Watch extends AutoCloseable {

  /**
   * The next event, waiting at most {@code timeout}; null when none arrived in time.
   *
   * @throws dev.pilothouse.core.error.GoneException when the watch fell behind and was dropped
   * @throws InterruptedException when the waiting thread is interrupted
   */
  WatchEvent next(Duration timeout) throws InterruptedException;

  /** Stops delivery and releases the watch. Idempotent. */
  @Override
  void close();
}
