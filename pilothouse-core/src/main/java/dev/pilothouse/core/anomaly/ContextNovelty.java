package dev.pilothouse.core.anomaly;

/**
 * Raw score in the spirit of contextual detectors such as CAD OSE: quantise each value into one of
 * {@code bins} levels of the range seen so far, and ask whether the current level has ever followed
 * the last {@code order} levels before. A never-seen transition scores 1, a rare one scores close
 * to 1, a habitual one close to 0. The count table is bins^(order+1) integers, fixed in size;
 * counts are halved when one saturates so old habits slowly fade.
 */
public final class ContextNovelty implements AnomalyDetector {
  private final int bins;
  private final int order;
  private final int[] counts;
  private final int[] context;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private int filled;

  /** A detector with {@code bins} levels and contexts of {@code order} previous levels. */
  public ContextNovelty(int bins, int order) {
    this.bins = bins;
    this.order = order;
    this.counts = new int[(int) Math.pow(bins, order + 1)];
    this.context = new int[order];
  }

  @Override
  public double score(long epochSeconds, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    min = Math.min(min, value);
    max = Math.max(max, value);
    int level = level(value);
    double score = 0;
    if (filled == order) {
      int key = key(level);
      score = 1.0 / (1.0 + counts[key]);
      if (++counts[key] == Integer.MAX_VALUE / 2) {
        fade();
      }
    } else {
      filled++;
    }
    shift(level);
    return score;
  }

  private int level(double value) {
    double span = max - min;
    return span > 0 ? Math.min(bins - 1, (int) ((value - min) / span * bins)) : 0;
  }

  private int key(int level) {
    int key = level;
    for (int c : context) {
      key = key * bins + c;
    }
    return key;
  }

  private void shift(int level) {
    if (order > 0) {
      System.arraycopy(context, 0, context, 1, order - 1);
      context[0] = level;
    }
  }

  private void fade() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] /= 2;
    }
  }
}
