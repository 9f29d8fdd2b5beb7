package dev.pilothouse.core.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A de-duplicating delay queue of keys, like client-go's work queue: a key is queued at most once,
 * is never handed to two workers at the same time, and a key added while it is being processed is
 * processed again afterwards.
 */
public final class WorkQueue<K> {
  private record Entry<K>(K key, long dueNanos) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Entry<K>> queue =
      new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos(), b.dueNanos()));
  private final Map<K, Long> due = new HashMap<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Long> dirty = new HashMap<>();

  /** Queues a key now. */
  public void add(K key) {
    addAfter(key, Duration.ZERO);
  }

  /** Queues a key after a delay; an earlier pending time wins. */
  public void addAfter(K key, Duration delay) {
    long at = System.nanoTime() + delay.toNanos();
    lock.lock();
    try {
      if (processing.contains(key)) {
        dirty.merge(key, at, Math::min);
        return;
      }
      Long current = due.get(key);
      if (current == null || at < current) {
        due.put(key, at);
        queue.add(new Entry<>(key, at));
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next due key, waiting at most {@code timeout}; null if none became due. */
  public K take(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        Entry<K> head = queue.peek();
        long now = System.nanoTime();
        if (head != null && head.dueNanos() <= now) {
          queue.poll();
          if (!Long.valueOf(head.dueNanos()).equals(due.get(head.key()))) {
            continue; // superseded by an earlier entry for the same key
          }
          due.remove(head.key());
          processing.add(head.key());
          return head.key();
        }
        long wait = Math.min(deadline, head == null ? deadline : head.dueNanos()) - now;
        if (now >= deadline) {
          return null;
        }
        changed.awaitNanos(Math.max(wait, TimeUnit.MICROSECONDS.toNanos(100)));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Marks a key taken by {@link #take} as finished; re-queues it if it changed meanwhile. */
  public void done(K key) {
    lock.lock();
    try {
      processing.remove(key);
      Long again = dirty.remove(key);
      if (again != null) {
        due.merge(key, again, Math::min);
        queue.add(new Entry<>(key, due.get(key)));
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Keys waiting (for metrics). */
  public int depth() {
    lock.lock();
    try {
      return due.size();
    } finally {
      lock.unlock();
    }
  }
}
