package dev.pilothouse.core.anomaly;

/**
 * NAB's base curve f(x) = 2 / (1 + e^(5x)) - 1, forced to exactly -1 beyond x = 3. The same
 * expression as upstream is used (not {@code -tanh(2.5x)}) so per-row values agree to the last
 * bits.
 */
final class ScaledSigmoid {
  /** f(-1): the value at a window's left edge, used to scale true positives to tpWeight there. */
  static final double AT_WINDOW_START = curve(-1.0);

  private ScaledSigmoid() {}

  static double curve(double x) {
    if (x > 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
  }

  /** Unit value of a detection at row {@code row} inside {@code window}: 1 at the left edge. */
  static double inWindow(int row, RowWindow window) {
    double x = -(double) (window.last() - row + 1) / window.width();
    return curve(x) / AT_WINDOW_START;
  }

  /** Unit (negative) value of a detection at {@code row} after the preceding {@code window}. */
  static double afterWindow(int row, RowWindow window) {
    double x = (double) (row - window.last()) / (window.width() - 1);
    return curve(x);
  }
}
