package dev.pilothouse.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntUnaryOperator;

/**
 * Weighted choice of a backend, safe to call from many event loops at once.
 *
 * <p>Small weight totals (the usual percentages) use a precomputed smooth weighted round-robin
 * schedule walked by an atomic counter: the split is exact over every full cycle and backends are
 * interleaved rather than sent in bursts. Very large totals fall back to weighted random over the
 * cumulative weights, with the random source injectable so tests are reproducible.
 */
sealed interface BackendPicker {

  /** Largest schedule we precompute; beyond it the memory is not worth the exactness. */
  int MAX_SCHEDULE = 10_000;

  Optional<Backend> pick();

  /** Builds the picker for these backends; {@code random} maps a bound to a value in [0, bound). */
  static BackendPicker of(List<Backend> backends, IntUnaryOperator random) {
    List<Backend> live = backends.stream().filter(b -> b.weight() > 0).toList();
    if (live.isEmpty()) {
      return new None();
    }
    int gcd = live.stream().mapToInt(Backend::weight).reduce(BackendPicker::gcd).orElse(1);
    long total = live.stream().mapToLong(b -> b.weight() / gcd).sum();
    if (total <= MAX_SCHEDULE) {
      return new Schedule(
          SmoothSchedule.build(live, gcd), new AtomicLongArray(Stripes.COUNT * Schedule.SPACING));
    }
    return Cumulative.of(live, random);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** No backend takes traffic. */
  record None() implements BackendPicker {
    @Override
    public Optional<Backend> pick() {
      return Optional.empty();
    }
  }

  /**
   * Walks a precomputed smooth weighted round-robin cycle, with one position per stripe (as nginx
   * keeps one per worker): each event loop's share is exact over each of its cycles, and the loops
   * do not contend for one counter.
   */
  record Schedule(Backend[] cycle, AtomicLongArray positions) implements BackendPicker {
    /** Positions sit this many longs apart, on cache lines of their own. */
    static final int SPACING = 8;

    @Override
    public Optional<Backend> pick() {
      long next = positions.getAndIncrement(Stripes.index() * SPACING);
      return Optional.of(cycle[(int) Math.floorMod(next, (long) cycle.length)]);
    }
  }

  /** Weighted random over cumulative weights. */
  record Cumulative(Backend[] backends, long[] upTo, IntUnaryOperator random)
      implements BackendPicker {

    static Cumulative of(List<Backend> live, IntUnaryOperator random) {
      long[] upTo = new long[live.size()];
      long sum = 0;
      for (int i = 0; i < upTo.length; i++) {
        sum += live.get(i).weight();
        upTo[i] = sum;
      }
      if (sum > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("total backend weight too large: " + sum);
      }
      return new Cumulative(live.toArray(Backend[]::new), upTo, random);
    }

    @Override
    public Optional<Backend> pick() {
      long draw = random.applyAsInt((int) upTo[upTo.length - 1]);
      int i = 0;
      while (upTo[i] <= draw) {
        i++;
      }
      return Optional.of(backends[i]);
    }
  }

  /** Nginx's smooth weighted round-robin, run once for a full cycle. */
  final class SmoothSchedule {
    private SmoothSchedule() {}

    static Backend[] build(List<Backend> live, int gcd) {
      int n = live.size();
      int[] weight = new int[n];
      int total = 0;
      for (int i = 0; i < n; i++) {
        weight[i] = live.get(i).weight() / gcd;
        total += weight[i];
      }
      int[] current = new int[n];
      List<Backend> cycle = new ArrayList<>(total);
      for (int step = 0; step < total; step++) {
        int best = 0;
        for (int i = 0; i < n; i++) {
          current[i] += weight[i];
          if (current[i] > current[best]) {
            best = i;
          }
        }
        current[best] -= total;
        cycle.add(live.get(best));
      }
      return cycle.toArray(Backend[]::new);
    }
  }
}
