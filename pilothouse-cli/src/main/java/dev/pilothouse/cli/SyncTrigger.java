package dev.pilothouse.cli;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a sync loop early. The loop runs one pass at a time and then waits here for the next
 * request or the poll interval, whichever comes first; requests made while a pass runs leave one
 * pass queued, never more: a burst of pushes costs at most one pass after the one in flight.
 */
final class SyncTrigger {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition requested = lock.newCondition();
  private boolean pending;

  /**
   * Asks for a pass as soon as the current one (if any) ends.
   *
   * @return false when a pass was already queued, so this request joined it
   */
  boolean request() {
    lock.lock();
    try {
      boolean queued = !pending;
      pending = true;
      requested.signalAll();
      return queued;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for a request, at most {@code timeout}, and takes it.
   *
   * @return true when woken by a request, false when the time ran out
   */
  boolean awaitNext(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (!pending && nanos > 0) {
        nanos = requested.awaitNanos(nanos);
      }
      boolean fired = pending;
      pending = false;
      return fired;
    } finally {
      lock.unlock();
    }
  }

  /** Used by tests: whether a pass is queued. */
  boolean pending() {
    lock.lock();
    try {
      return pending;
    } finally {
      lock.unlock();
    }
  }
}
