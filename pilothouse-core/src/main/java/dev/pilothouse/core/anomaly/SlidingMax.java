package dev.pilothouse.core.anomaly;

/**
 * Maximum of the last {@code window} values, amortised O(1) per update with a monotonic ring deque
 * of (position, value) pairs; memory is bounded by the window.
 */
final class SlidingMax {
  private final int window;
  private final long[] pos;
  private final double[] val;
  private int head;
  private int size;
  private long t;

  SlidingMax(int window) {
    this.window = window;
    pos = new long[window];
    val = new double[window];
  }

  /** Maximum of the values added so far within the window, or -infinity if none. */
  double max() {
    return size == 0 ? Double.NEGATIVE_INFINITY : val[head];
  }

  void add(double v) {
    while (size > 0 && val[(head + size - 1) % window] <= v) {
      size--; // dominated: can never be the maximum again
    }
    int slot = (head + size) % window;
    pos[slot] = t;
    val[slot] = v;
    size++;
    t++;
    while (pos[head] <= t - 1 - window) {
      head = (head + 1) % window;
      size--;
    }
  }
}
