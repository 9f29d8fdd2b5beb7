package dev.pilothouse.core.anomaly;

import java.util.List;

/**
 * One series of a labelled corpus: its rows and its anomaly windows.
 *
 * @param name relative path in NAB's layout, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param epochSeconds row timestamps (UTC seconds); may repeat or go backwards
 * @param values row values
 * @param windows disjoint anomaly windows in row order
 */
public record LabelledSeries(
    String name, long[] epochSeconds, double[] values, List<RowWindow> windows) {
  /** NAB caps the probationary period at 15% of 5000 rows. */
  private static final int PROBATION_CAP = 750;

  /** Checks that the arrays line up and copies the window list. */
  public LabelledSeries {
    if (epochSeconds.length != values.length) {
      throw new IllegalArgumentException(name + ": timestamps and values differ in length");
    }
    windows = List.copyOf(windows);
  }

  /** Number of rows. */
  public int size() {
    return values.length;
  }

  /** Rows below this index are never scored: min(floor(0.15 n), 750). */
  public int probationaryRows() {
    return Math.min((int) Math.floor(0.15 * size()), PROBATION_CAP);
  }

  /**
   * What NAB's detector protocol hands a detector before the first point: the file's smallest and
   * largest finite value and the probationary length as learning time ({@link
   * #probationaryRows()}). Nothing else: no labels, and no length beyond what the probation
   * implies.
   */
  public SeriesHints protocolHints() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return new SeriesHints(min, max, probationaryRows());
  }
}
