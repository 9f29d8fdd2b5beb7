package dev.pilothouse.core.anomaly;

/**
 * A labelled anomaly window as an inclusive row range of one series. Rows, not timestamps, because
 * some NAB series have duplicate or backwards timestamps.
 *
 * @param first index of the first row in the window
 * @param last index of the last row in the window (inclusive)
 */
public record RowWindow(int first, int last) {
  /** Validates the range. */
  public RowWindow {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad window rows " + first + ".." + last);
    }
  }

  /** Number of rows in the window (NAB's W). */
  public int width() {
    return last - first + 1;
  }
}
