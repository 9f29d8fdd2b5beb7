package dev.pilothouse.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-second ring buffer of request counts by status class and latency bucket, covering the last
 * {@link #MAX_WINDOW}. Lock-free: the first writer in a new second claims the slot with a CAS and
 * clears it; a write racing with that clear may be lost, an accepted error of a few requests per
 * second boundary for analysis queries that look at minutes.
 */
final class SlidingWindow {

  /** Longest window a query may ask for. */
  static final Duration MAX_WINDOW = Duration.ofMinutes(10);

  private static final int SLOTS = (int) MAX_WINDOW.toSeconds() + 1;
  private static final int CLASSES = CodeClass.values().length;
  private static final int WIDTH = CLASSES + LatencyBuckets.COUNT;

  private final AtomicLong[] slotSecond = new AtomicLong[SLOTS];
  private final AtomicLongArray counts = new AtomicLongArray(SLOTS * WIDTH);

  SlidingWindow() {
    for (int i = 0; i < SLOTS; i++) {
      slotSecond[i] = new AtomicLong(Long.MIN_VALUE);
    }
  }

  void record(long epochSecond, CodeClass codeClass, int bucket) {
    int slot = (int) Math.floorMod(epochSecond, (long) SLOTS);
    long seen = slotSecond[slot].get();
    if (seen != epochSecond && slotSecond[slot].compareAndSet(seen, epochSecond)) {
      for (int i = 0; i < WIDTH; i++) {
        counts.set(slot * WIDTH + i, 0);
      }
    }
    counts.incrementAndGet(slot * WIDTH + codeClass.ordinal());
    counts.incrementAndGet(slot * WIDTH + CLASSES + bucket);
  }

  /** Sums the seconds in {@code (nowSecond - window, nowSecond]}. */
  Totals totals(long nowSecond, Duration window) {
    if (window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("window must be between 0 and " + MAX_WINDOW);
    }
    long[] byClass = new long[CLASSES];
    long[] byBucket = new long[LatencyBuckets.COUNT];
    for (long second = nowSecond - window.toSeconds() + 1; second <= nowSecond; second++) {
      int slot = (int) Math.floorMod(second, (long) SLOTS);
      if (slotSecond[slot].get() != second) {
        continue;
      }
      for (int i = 0; i < CLASSES; i++) {
        byClass[i] += counts.get(slot * WIDTH + i);
      }
      for (int i = 0; i < byBucket.length; i++) {
        byBucket[i] += counts.get(slot * WIDTH + CLASSES + i);
      }
    }
    return new Totals(byClass, byBucket);
  }

  /** Counts over a window, indexed by {@link CodeClass#ordinal()} and latency bucket. */
  record Totals(long[] byClass, long[] byBucket) {
    /** Returns the element-wise sum of these counts and {@code other}'s. */
    Totals plus(Totals other) {
      long[] classes = byClass.clone();
      long[] buckets = byBucket.clone();
      for (int i = 0; i < classes.length; i++) {
        classes[i] += other.byClass[i];
      }
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] += other.byBucket[i];
      }
      return new Totals(classes, buckets);
    }

    long requests() {
      long sum = 0;
      for (long c : byClass) {
        sum += c;
      }
      return sum;
    }
  }
}
