package dev.pilothouse.core.anomaly;

import java.util.List;

/**
 * Scores anomaly scores against labelled windows exactly as the Numenta Anomaly Benchmark does: a
 * detection is a scorable row with score >= θ; each window contributes the value of its earliest
 * detection or -fnWeight; each detection outside windows adds its own sigmoid penalty.
 */
public final class NabScorer {
  private NabScorer() {}

  /** Scores one series at threshold {@code theta}. */
  public static FileScore score(
      LabelledSeries series, double[] scores, CostProfile profile, double theta) {
    return score(ScoringLayout.of(series), checked(series, scores), profile, theta);
  }

  static FileScore score(ScoringLayout layout, double[] scores, CostProfile profile, double theta) {
    boolean[] hit = new boolean[layout.windows().size()];
    FileScore rows = scoreRows(layout, scores, profile, theta, hit);
    double missed = 0;
    int scorable = 0;
    int hits = 0;
    for (int w = 0; w < hit.length; w++) {
      if (layout.scorable(w)) { // windows wholly inside the probation period do not count
        scorable++;
        hits += hit[w] ? 1 : 0;
        missed -= hit[w] ? 0 : profile.fnWeight();
      }
    }
    return new FileScore(
        rows.score() + missed,
        rows.fpPart(),
        scorable,
        hits,
        rows.tp(),
        rows.fp(),
        rows.fn(),
        rows.tn());
  }

  /** Row pass: FP penalties, earliest-detection rewards (marking {@code hit}) and row counts. */
  private static FileScore scoreRows(
      ScoringLayout layout, double[] scores, CostProfile profile, double theta, boolean[] hit) {
    double windowPart = 0;
    double fpPart = 0;
    long[] counts = new long[4]; // tp, fp, fn, tn
    for (int row = layout.probation(); row < layout.size(); row++) {
      int w = layout.windowOf()[row];
      boolean detected = scores[row] >= theta;
      counts[(w >= 0 ? 0 : 1) + (detected ? 0 : 2)]++;
      if (detected && w >= 0 && !hit[w]) { // rows go in order: the first seen is the earliest
        hit[w] = true;
        windowPart += layout.value(row, profile);
      } else if (detected && w < 0) {
        fpPart += layout.value(row, profile);
      }
    }
    return new FileScore(
        windowPart + fpPart, fpPart, 0, 0, counts[0], counts[1], counts[2], counts[3]);
  }

  /** Scores a whole corpus at one threshold: the sum of the per-series scores. */
  public static CorpusScore score(Detections detections, CostProfile profile, double theta) {
    FileScore total = FileScore.ZERO;
    List<ScoringLayout> layouts = detections.layouts();
    for (int i = 0; i < layouts.size(); i++) {
      total = total.plus(score(layouts.get(i), detections.scores().get(i), profile, theta));
    }
    return new CorpusScore(profile, theta, total, detections.windowCount());
  }

  static double[] checked(LabelledSeries series, double[] scores) {
    if (scores.length != series.size()) {
      throw new IllegalArgumentException(
          series.name() + ": " + scores.length + " scores for " + series.size() + " rows");
    }
    return scores;
  }
}
