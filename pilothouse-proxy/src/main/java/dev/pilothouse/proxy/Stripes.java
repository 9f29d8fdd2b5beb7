package dev.pilothouse.proxy;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small per-thread index, so that the proxy's event loops update counters of their own instead of
 * fighting over one cache line on every request (threads are numbered in the order they first ask,
 * so a proxy's few event loops get different stripes).
 */
final class Stripes {

  /** Number of stripes: a power of two, at least the number of cores (up to 8). */
  static final int COUNT =
      powerOfTwoAtLeast(Math.min(8, Runtime.getRuntime().availableProcessors()));

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final FastThreadLocal<Integer> INDEX =
      new FastThreadLocal<>() {
        @Override
        protected Integer initialValue() {
          return NEXT.getAndIncrement() & (COUNT - 1);
        }
      };

  private Stripes() {}

  /** Returns this thread's stripe, in {@code [0, COUNT)}. */
  static int index() {
    return INDEX.get();
  }

  private static int powerOfTwoAtLeast(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }
}
