package dev.pilothouse.core.anomaly;

import java.util.List;

/**
 * The threshold-independent part of scoring one series: for every row, which window it is in (or
 * -1) and its unit value if detected. A profile turns unit values into scores by multiplying
 * in-window values by tpWeight and out-of-window values by fpWeight.
 *
 * @param probation rows below this index are not scored
 * @param windowOf window index per row, -1 outside all windows
 * @param unit unit value per row: in (0, 1] inside a window, in [-1, 0) outside
 * @param windows the series' windows
 */
public record ScoringLayout(int probation, int[] windowOf, double[] unit, List<RowWindow> windows) {

  /** Computes the layout of one series. */
  public static ScoringLayout of(LabelledSeries series) {
    int n = series.size();
    int[] windowOf = new int[n];
    double[] unit = new double[n];
    List<RowWindow> windows = series.windows();
    int next = 0; // index of the first window that has not ended before the current row
    for (int row = 0; row < n; row++) {
      while (next < windows.size() && windows.get(next).last() < row) {
        next++;
      }
      boolean inside = next < windows.size() && windows.get(next).first() <= row;
      windowOf[row] = inside ? next : -1;
      unit[row] =
          inside ? ScaledSigmoid.inWindow(row, windows.get(next)) : outside(row, next, windows);
    }
    return new ScoringLayout(series.probationaryRows(), windowOf, unit, windows);
  }

  // Outside a window the penalty depends on the preceding window only, never the nearest one.
  private static double outside(int row, int next, List<RowWindow> windows) {
    return next == 0 ? -1.0 : ScaledSigmoid.afterWindow(row, windows.get(next - 1));
  }

  /** Value of a detection at {@code row} under {@code profile}. */
  double value(int row, CostProfile profile) {
    return windowOf[row] >= 0 ? profile.tpWeight() * unit[row] : profile.fpWeight() * unit[row];
  }

  /** Whether a window has at least one row after the probationary period. */
  boolean scorable(int window) {
    return windows.get(window).last() >= probation;
  }

  int size() {
    return unit.length;
  }
}
