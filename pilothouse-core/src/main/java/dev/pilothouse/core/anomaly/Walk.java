package dev.pilothouse.core.anomaly;

import java.util.Arrays;

/**
 * Running state of a descending threshold sweep: the false-positive sum so far and, per window, the
 * best detection value so far (starting at -fnWeight, a miss). Because values fall inside a window,
 * the best value is always that of the earliest detection.
 */
final class Walk {
  private final double[] value;
  private final int[] window;
  private final double[] best;
  private double fpSum;
  private double windowSum;

  Walk(double[] value, int[] window, CostProfile profile, boolean[] scorable) {
    this.value = value;
    this.window = window;
    this.best = new double[scorable.length];
    Arrays.fill(best, -profile.fnWeight());
    for (int w = 0; w < scorable.length; w++) {
      if (scorable[w]) {
        windowSum += best[w];
      } else {
        best[w] = Double.POSITIVE_INFINITY; // never counted, never improved
      }
    }
  }

  /** Marks rows order[from..to) as detected. */
  void detectAll(int[] order, int from, int to) {
    for (int k = from; k < to; k++) {
      int id = order[k];
      int w = window[id];
      if (w < 0) {
        fpSum += value[id];
      } else if (value[id] > best[w]) {
        windowSum += value[id] - best[w];
        best[w] = value[id];
      }
    }
  }

  double total() {
    return windowSum + fpSum;
  }
}
