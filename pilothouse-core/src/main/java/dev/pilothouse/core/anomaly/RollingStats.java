package dev.pilothouse.core.anomaly;

/**
 * Mean and variance of the last {@code capacity} values, O(1) per update. Sums are kept relative to
 * the first value seen, so large offsets (byte counters near 1e9) do not cancel catastrophically.
 */
final class RollingStats {
  private final double[] ring;
  private int count;
  private int next;
  private double offset = Double.NaN;
  private double sum;
  private double sumSquares;

  RollingStats(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
    }
    ring = new double[capacity];
  }

  void add(double value) {
    if (Double.isNaN(offset)) {
      offset = value;
    }
    double v = value - offset;
    if (count == ring.length) {
      double old = ring[next];
      sum -= old;
      sumSquares -= old * old;
    } else {
      count++;
    }
    ring[next] = v;
    next = (next + 1) % ring.length;
    sum += v;
    sumSquares += v * v;
  }

  int count() {
    return count;
  }

  double mean() {
    return count == 0 ? 0 : offset + sum / count;
  }

  /** Sample variance, never negative (rounding can make the running formula dip below zero). */
  double variance() {
    if (count < 2) {
      return 0;
    }
    double m = sum / count;
    return Math.max(0, (sumSquares - count * m * m) / (count - 1));
  }
}
