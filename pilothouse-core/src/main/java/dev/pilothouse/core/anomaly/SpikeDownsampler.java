package dev.pilothouse.core.anomaly;

/**
 * Turns every {@code step} values into one level in [0, 1] that keeps spikes: the block's extreme
 * farthest from a fast moving average (its maximum, or its minimum for a dip), unless that extreme
 * is within {@code spikeFraction} of the block mean, in which case the mean. The level is placed in
 * the range seen so far (running min and max: no look-ahead), quantised to {@code levels} steps,
 * and snapped to the running median level when within {@code chomp} of it, so ordinary noise around
 * the usual level reads as exactly the usual level. A hinted range (NAB's protocol gives the file's
 * min and max) replaces the running one from the first point.
 */
final class SpikeDownsampler {
  private final int step;
  private final int levels;
  private final double spikeFraction;
  private final double chomp;
  private final LevelMedian median;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double blockSum;
  private double blockMin;
  private double blockMax;
  private int blockCount;
  private double average = Double.NaN;
  private double usedMin = Double.NaN;
  private double usedMax = Double.NaN;
  private double scale = 1;
  private double shift;

  /**
   * @param hints a usable hinted range starts the running range (values outside it still widen it)
   */
  SpikeDownsampler(int step, int levels, double spikeFraction, double chomp, SeriesHints hints) {
    if (hints.hasRange()) {
      min = hints.min();
      max = hints.max();
    }
    this.step = step;
    this.levels = levels;
    this.spikeFraction = spikeFraction;
    this.chomp = chomp;
    this.median = new LevelMedian(levels);
  }

  /**
   * Adds a finite value; returns the block's level when this value completes a block, NaN
   * otherwise.
   */
  double add(double value) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (blockCount == 0) {
      blockSum = 0;
      blockMin = value;
      blockMax = value;
    }
    blockSum += value;
    blockMin = Math.min(blockMin, value);
    blockMax = Math.max(blockMax, value);
    if (++blockCount < step) {
      return Double.NaN;
    }
    blockCount = 0;
    return level(representative(blockSum / step));
  }

  private double representative(double mean) {
    average = Double.isNaN(average) ? mean : (average + mean) / 2;
    double v = Math.abs(blockMax - average) < Math.abs(blockMin - average) ? blockMin : blockMax;
    // ARTime compares with the signed mean, so a block of negative mean always reads as its
    // extreme; |mean| keeps the rule for negative series, and no NAB file tells the two apart.
    return Math.abs(v - mean) < spikeFraction * Math.abs(mean) ? mean : v;
  }

  /**
   * Whether the range changed with the last level: earlier levels x then read as scale·x + shift.
   */
  boolean rescaled() {
    return scale != 1 || shift != 0;
  }

  double scale() {
    return scale;
  }

  double shift() {
    return shift;
  }

  private void track() {
    scale = 1;
    shift = 0;
    if (!Double.isNaN(usedMin) && (usedMin != min || usedMax != max)) {
      double range = max - min;
      scale = (usedMax - usedMin) / range;
      shift = (usedMin - min) / range;
      median.remap(scale, shift);
    }
    usedMin = min;
    usedMax = max;
  }

  private double level(double v) {
    track();
    double range = max - min;
    double x = range > 0 ? (v - min) / range : 0;
    // Half-way cases round to even, as Julia's round does in ARTime.
    int level = (int) Math.rint(Math.clamp(x, 0.0, 1.0) * levels);
    double usual = (double) median.add(level) / levels;
    double quantised = (double) level / levels;
    return Math.abs(quantised - usual) < chomp ? usual : quantised;
  }
}
