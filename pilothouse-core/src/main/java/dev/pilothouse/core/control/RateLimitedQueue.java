package dev.pilothouse.core.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link WorkQueue} with client-go's default rate limiting: a key that keeps failing waits {@link
 * Backoff#delay} (exponential per key), and all adds together pass a token bucket of {@code qps}
 * with {@code burst}, so a resync of thousands of objects or a hot failing key cannot starve the
 * API server. Successful processing forgets a key's failures.
 */
public final class RateLimitedQueue<K> {
  private final WorkQueue<K> queue = new WorkQueue<>();
  private final Backoff backoff;
  private final Map<K, Integer> failures = new ConcurrentHashMap<>();
  private final double qps;
  private final double burst;
  private double tokens;
  private long lastNanos = System.nanoTime();

  /**
   * @param qps sustained adds per second
   * @param burst adds allowed at once
   */
  public RateLimitedQueue(Backoff backoff, double qps, int burst) {
    if (qps <= 0 || burst < 1) {
      throw new IllegalArgumentException("qps must be > 0 and burst >= 1");
    }
    this.backoff = backoff;
    this.qps = qps;
    this.burst = burst;
    this.tokens = burst;
  }

  /** Queues a key as soon as the bucket allows. */
  public void add(K key) {
    queue.addAfter(key, reserve());
  }

  /** Queues a key after {@code delay} (a requeue the reconciler asked for). */
  public void addAfter(K key, Duration delay) {
    Duration limit = reserve();
    queue.addAfter(key, delay.compareTo(limit) > 0 ? delay : limit);
  }

  /** Queues a key after its next failure backoff; returns that delay. */
  public Duration addRateLimited(K key) {
    int n = failures.merge(key, 1, Integer::sum);
    Duration delay = backoff.delay(n);
    addAfter(key, delay);
    return delay;
  }

  /** Forgets a key's failures (it succeeded). */
  public void forget(K key) {
    failures.remove(key);
  }

  /** Consecutive failures of a key. */
  public int failures(K key) {
    return failures.getOrDefault(key, 0);
  }

  /** The next due key, or null after {@code timeout}. */
  public K take(Duration timeout) throws InterruptedException {
    return queue.take(timeout);
  }

  /** Marks a taken key as processed. */
  public void done(K key) {
    queue.done(key);
  }

  /** Keys waiting. */
  public int depth() {
    return queue.depth();
  }

  private synchronized Duration reserve() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
    lastNanos = now;
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (-tokens / qps * 1e9));
  }
}
