package dev.pilothouse.core.anomaly;

/**
 * An approximate running median of small integer levels 0..L: a histogram plus a median pointer
 * that moves one occupied level at a time, so each update is O(1) amortised and memory is L + 1
 * counters however long the series runs.
 */
final class LevelMedian {
  private final long[] counts;
  private long total;
  private long below;
  private long above;
  private int median = -1;

  LevelMedian(int levels) {
    counts = new long[levels + 1];
  }

  /** Adds a level in 0..L and returns the updated median level. */
  int add(int level) {
    counts[level]++;
    total++;
    if (median < 0) {
      median = level;
      return median;
    }
    if (level < median) {
      below++;
    } else if (level > median) {
      above++;
    }
    long half = total / 2;
    if (above > half) {
      below += counts[median];
      median = nextOccupied(median, 1);
      above -= counts[median];
    } else if (below > half) {
      above += counts[median];
      median = nextOccupied(median, -1);
      below -= counts[median];
    }
    return median;
  }

  private int nextOccupied(int from, int direction) {
    int l = from + direction;
    while (counts[l] == 0) {
      l += direction;
    }
    return l;
  }

  /**
   * Moves every counted level x (as a fraction of L) to scale·x + shift, then re-finds the median.
   */
  void remap(double scale, double shift) {
    int top = counts.length - 1;
    long[] moved = new long[counts.length];
    for (int l = 0; l <= top; l++) {
      if (counts[l] > 0) {
        int to = (int) Math.round(Math.clamp((scale * l / top + shift), 0.0, 1.0) * top);
        moved[to] += counts[l];
      }
    }
    System.arraycopy(moved, 0, counts, 0, counts.length);
    if (total == 0) {
      return;
    }
    long seen = 0;
    for (int l = 0; l <= top; l++) {
      if (counts[l] > 0 && seen + counts[l] > (total - 1) / 2) {
        median = l;
        below = seen;
        above = total - seen - counts[l];
        return;
      }
      seen += counts[l];
    }
  }
}
