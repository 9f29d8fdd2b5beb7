package dev.pilothouse.core.anomaly;

/**
 * The NAB score of one series at one threshold, with row counts for reporting. Counts cover
 * scorable rows only.
 *
 * @param score raw score: window part plus FP part
 * @param fpPart sum of the (negative) false-positive values
 * @param windows windows that have at least one scorable row
 * @param windowsHit windows with at least one detection
 * @param tp detected rows inside windows
 * @param fp detected rows outside windows
 * @param fn undetected rows inside windows
 * @param tn undetected rows outside windows
 */
public record FileScore(
    double score, double fpPart, int windows, int windowsHit, long tp, long fp, long fn, long tn) {

  /** The zero score, for summing. */
  public static final FileScore ZERO = new FileScore(0, 0, 0, 0, 0, 0, 0, 0);

  /** Component-wise sum, used to total a corpus. */
  public FileScore plus(FileScore o) {
    return new FileScore(
        score + o.score,
        fpPart + o.fpPart,
        windows + o.windows,
        windowsHit + o.windowsHit,
        tp + o.tp,
        fp + o.fp,
        fn + o.fn,
        tn + o.tn);
  }
}
