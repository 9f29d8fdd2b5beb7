package dev.pilothouse.core.slo;

/**
 * How an SLO's error ratio is measured. Queries may hold Sloth's {@code {{.window}}} placeholder,
 * replaced by each rule window (e.g. {@code 5m}).
 */
public sealed interface Sli {

  /**
   * Error and total event rates; the ratio is {@code error / total}. Both are expected to be
   * per-second rates (as in Sloth's examples), which the low-traffic guard relies on.
   */
  record Events(String errorQuery, String totalQuery) implements Sli {}

  /** A query that already yields the error ratio (0..1). */
  record Raw(String errorRatioQuery) implements Sli {}
}
