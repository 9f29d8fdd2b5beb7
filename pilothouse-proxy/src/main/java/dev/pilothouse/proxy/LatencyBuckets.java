package dev.pilothouse.proxy;

import java.util.Arrays;

/**
 * The fixed latency histogram buckets (upper bounds in seconds), shared by the Prometheus histogram
 * and the sliding-window quantile queries so both agree.
 */
final class LatencyBuckets {

  static final double[] UPPER_SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  /** Number of buckets including the final +Inf one. */
  static final int COUNT = UPPER_SECONDS.length + 1;

  private LatencyBuckets() {}

  /** Returns the bucket a duration falls into; the last index is +Inf. */
  static int index(long nanos) {
    double seconds = nanos / 1e9;
    int at = Arrays.binarySearch(UPPER_SECONDS, seconds);
    return at >= 0 ? at : -at - 1;
  }

  /**
   * Estimates quantile {@code q} from per-bucket (not cumulative) counts, interpolating linearly
   * inside the bucket the way Prometheus's {@code histogram_quantile} does; a quantile that lands
   * in +Inf returns the largest finite bound.
   */
  static double quantile(double q, long[] counts) {
    long total = Arrays.stream(counts).sum();
    double rank = q * total;
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && seen + counts[i] >= rank) {
        if (i == UPPER_SECONDS.length) {
          return UPPER_SECONDS[i - 1];
        }
        double lower = i == 0 ? 0 : UPPER_SECONDS[i - 1];
        double fraction = (rank - seen) / counts[i];
        return lower + (UPPER_SECONDS[i] - lower) * fraction;
      }
      seen += counts[i];
    }
    return Double.NaN;
  }
}
