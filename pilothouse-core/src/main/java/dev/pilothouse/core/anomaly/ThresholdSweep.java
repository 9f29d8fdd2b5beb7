package dev.pilothouse.core.anomaly;

import java.util.Arrays;
import java.util.List;

/**
 * Exhaustive threshold optimiser (NAB's current {@code --optimize}): tries θ = 1.1 and then every
 * distinct anomaly score in descending order, keeping the θ with the highest raw corpus score. Ties
 * keep the higher θ. O(n log n) in the number of scorable rows.
 */
public final class ThresholdSweep {
  /** Above every valid anomaly score: the "detect nothing" threshold. */
  public static final double NOTHING = 1.1;

  private ThresholdSweep() {}

  /** Finds the best θ for {@code profile} and scores the corpus at it. */
  public static CorpusScore optimise(Detections detections, CostProfile profile) {
    Pool pool = Pool.of(detections, profile);
    double theta = pool.bestThreshold(profile);
    // Rescore directly so the reported score does not carry incremental rounding.
    return NabScorer.score(detections, profile, theta);
  }

  /**
   * Every scorable row of the corpus with a non-NaN score, grouped by distinct score.
   *
   * @param distinct distinct scores, ascending
   * @param start rows of group g are order[start[g] .. start[g + 1])
   * @param order row ids grouped by distinct score
   * @param value value of each row id if detected
   * @param window global window id of each row id, -1 outside windows
   * @param scorable per global window id, whether it has a scorable row
   */
  private record Pool(
      double[] distinct,
      int[] start,
      int[] order,
      double[] value,
      int[] window,
      boolean[] scorable) {

    static Pool of(Detections detections, CostProfile profile) {
      int rows = countRows(detections);
      double[] score = new double[rows];
      double[] value = new double[rows];
      int[] window = new int[rows];
      int id = 0;
      int windowBase = 0;
      boolean[] scorable = new boolean[detections.windowCount()];
      List<ScoringLayout> layouts = detections.layouts();
      for (int f = 0; f < layouts.size(); f++) {
        ScoringLayout layout = layouts.get(f);
        double[] s = detections.scores().get(f);
        for (int row = layout.probation(); row < layout.size(); row++) {
          if (!Double.isNaN(s[row])) {
            int w = layout.windowOf()[row];
            score[id] = s[row] + 0.0; // folds -0.0 into 0.0 for the binary search
            value[id] = layout.value(row, profile);
            window[id++] = w < 0 ? -1 : windowBase + w;
          }
        }
        for (int w = 0; w < layout.windows().size(); w++) {
          scorable[windowBase + w] = layout.scorable(w);
        }
        windowBase += layout.windows().size();
      }
      return group(score, value, window, scorable);
    }

    private static int countRows(Detections detections) {
      int rows = 0;
      for (int f = 0; f < detections.layouts().size(); f++) {
        ScoringLayout layout = detections.layouts().get(f);
        double[] s = detections.scores().get(f);
        for (int row = layout.probation(); row < layout.size(); row++) {
          rows += Double.isNaN(s[row]) ? 0 : 1;
        }
      }
      return rows;
    }

    // Counting sort by rank among distinct scores: primitive work only, no boxing.
    private static Pool group(double[] score, double[] value, int[] window, boolean[] scorable) {
      double[] sorted = score.clone();
      Arrays.sort(sorted);
      int d = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[d - 1]) {
          sorted[d++] = sorted[i];
        }
      }
      double[] distinct = Arrays.copyOf(sorted, d);
      int[] rank = new int[score.length];
      int[] start = new int[d + 1];
      for (int i = 0; i < score.length; i++) {
        rank[i] = Arrays.binarySearch(distinct, score[i]);
        start[rank[i] + 1]++;
      }
      for (int g = 0; g < d; g++) {
        start[g + 1] += start[g];
      }
      int[] fill = Arrays.copyOf(start, d);
      int[] order = new int[score.length];
      for (int i = 0; i < score.length; i++) {
        order[fill[rank[i]]++] = i;
      }
      return new Pool(distinct, start, order, value, window, scorable);
    }

    double bestThreshold(CostProfile profile) {
      Walk walk = new Walk(value, window, profile, scorable);
      int g = distinct.length - 1;
      for (; g >= 0 && distinct[g] >= NOTHING; g--) {
        walk.detectAll(order, start[g], start[g + 1]);
      }
      double bestTheta = NOTHING;
      double best = walk.total();
      for (; g >= 0; g--) {
        walk.detectAll(order, start[g], start[g + 1]);
        double total = walk.total();
        if (total > best) { // strict: on a tie the earlier, higher θ stays
          best = total;
          bestTheta = distinct[g];
        }
      }
      return bestTheta;
    }
  }
}
