package dev.pilothouse.core.anomaly;

/**
 * Anomalies as failures to resonate, in the spirit of ARTime (Hampton 2021, the best published NAB
 * detector): the series is downsampled into spike-preserving levels ({@link SpikeDownsampler});
 * each new level forms, with the levels before it, a window whose shape (Haar wavelet of the window
 * scaled to [0, 1]) and levels together are one feature vector; a dual-vigilance fuzzy ART network
 * ({@link FuzzyArt}) learns these vectors online as categories. A vector that fits no category well
 * enough to join even a known cluster is novel: that is the anomaly, scored by how far below the
 * vigilance its best match fell.
 *
 * <p>Three things make the raw novelty signal usable as an alert stream. (1) The first {@code
 * learningSteps} levels only learn; at their end the vigilance starts at the typical match of those
 * vectors presented from least to most typical. (2) The vigilance follows the series: the upper
 * bound is the mean best match so far, the lower bound rises towards the weakest recent match or
 * sinks with the recent shortfalls, but not below the matches of past anomalies. (3) After an
 * anomaly, and after every new cluster or vigilance change, reporting is masked until {@code mask}
 * levels pass without a new cluster; inside the mask only a clearly worse match (below 90% of the
 * last anomaly's match just after it, 70% later) reports again. An incident thus raises one alert,
 * early.
 */
public final class ResonanceDetector implements AnomalyDetector {
  /**
   * The one parameter set.
   *
   * @param step points per level (downsampling)
   * @param window levels per feature window, a power of two
   * @param learningSteps levels that only learn before anything is reported
   * @param levels quantisation steps of the range seen so far
   * @param spikeFraction a block extreme within this fraction of the block mean reads as the mean
   * @param chomp a level within this distance of the running median level reads as the median
   * @param initialVigilance vigilance of the network that finds the starting vigilance
   * @param capacity most categories kept (bounded memory and work)
   * @param mask levels of quiet required after an anomaly or a new cluster
   */
  public record Params(
      int step,
      int window,
      int learningSteps,
      int levels,
      double spikeFraction,
      double chomp,
      double initialVigilance,
      int capacity,
      int mask) {
    /** Checks the ranges. */
    public Params {
      if (step < 1 || Integer.bitCount(window) != 1 || learningSteps <= window || capacity < 1) {
        throw new IllegalArgumentException(
            "need step >= 1, window a power of two, learningSteps > window, capacity >= 1");
      }
    }

    /**
     * These parameters sized, as ARTime sizes itself, from a known learning length: the learning
     * period becomes about {@code levelsPerLearning} levels (step = ⌊points / levelsPerLearning⌋,
     * at least 1) and every one of its points is learned. A learning period too short for one
     * window of levels keeps these parameters. The sized model masks {@code sizedMask} levels after
     * an anomaly or a new cluster and keeps at most {@code sizedCapacity} categories.
     */
    public Params sizedFor(
        int learningPoints, int levelsPerLearning, int sizedMask, int sizedCapacity) {
      int sizedStep = Math.max(1, learningPoints / Math.max(1, levelsPerLearning));
      int sizedLearning = learningPoints / sizedStep;
      if (sizedLearning <= window) {
        return this;
      }
      return new Params(
          sizedStep,
          window,
          sizedLearning,
          levels,
          spikeFraction,
          chomp,
          initialVigilance,
          sizedCapacity,
          sizedMask);
    }

    /** Whether {@link #sizedFor} would size a model for this learning length. */
    public boolean sizable(int learningPoints, int levelsPerLearning) {
      return sizedFor(learningPoints, levelsPerLearning, mask, capacity) != this;
    }
  }

  private final Params p;
  private final SpikeDownsampler downsampler;
  private final FuzzyArt art;
  private final double[] levelWindow;
  private final double[] shape;
  private final double[] scratch;
  private final double[][] learning;
  private final VigilanceTracker vigilance;
  private double[] features;
  private int steps;
  private int lastAnomaly;
  private double lastAnomalyMatch;
  private boolean maskAfterCluster;
  private int quietSteps;

  /** A fresh detector with the given parameters and no hints (strict streaming). */
  public ResonanceDetector(Params p) {
    this(p, SeriesHints.NONE);
  }

  /**
   * A fresh detector with the given parameters; a usable hinted range replaces the running range
   * from the first point (values outside it still widen it). Sizing from the hinted learning length
   * is the caller's choice ({@link Params#sizedFor}).
   */
  public ResonanceDetector(Params p, SeriesHints hints) {
    this.p = p;
    this.downsampler =
        new SpikeDownsampler(p.step(), p.levels(), p.spikeFraction(), p.chomp(), hints);
    this.art = new FuzzyArt(2 * p.window(), 2 * p.window() - 1, p.capacity());
    this.levelWindow = new double[p.window()];
    this.shape = new double[p.window()];
    this.scratch = new double[p.window()];
    this.learning = new double[p.learningSteps()][];
    this.vigilance = new VigilanceTracker(p.learningSteps());
    this.features = new double[2 * p.window()];
  }

  @Override
  public double score(long epochSeconds, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    double level = downsampler.add(value);
    if (Double.isNaN(level)) {
      return 0;
    }
    steps++;
    if (downsampler.rescaled()) {
      rescale(downsampler.scale(), downsampler.shift());
    }
    features = features(level);
    if (steps < p.learningSteps()) {
      learning[steps - 1] = features;
      return 0;
    }
    if (steps == p.learningSteps()) {
      learning[steps - 1] = features;
      learnStart();
      return 0;
    }
    return Math.clamp(detect(features, steps), 0.0, 1.0);
  }

  /** The range grew: re-expresses every remembered level in the new range. */
  private void rescale(double scale, double shift) {
    int w = p.window();
    for (int k = 0; k < w; k++) {
      levelWindow[k] = scale * levelWindow[k] + shift;
    }
    for (double[] f : learning) {
      for (int k = w; f != null && k < 2 * w; k++) {
        f[k] = scale * f[k] + shift;
      }
    }
    art.remap(w, 2 * w, scale, shift);
  }

  /** Shifts the level into the window and returns [wavelet of the scaled window, levels]. */
  private double[] features(double level) {
    int w = p.window();
    System.arraycopy(levelWindow, 1, levelWindow, 0, w - 1);
    levelWindow[w - 1] = level;
    // The learning period keeps every vector; afterwards one buffer is reused.
    double[] f = steps <= p.learningSteps() ? new double[2 * w] : features;
    if (steps < w) {
      return f;
    }
    System.arraycopy(levelWindow, 0, f, w, w);
    scaleInPlace(f, w, 2 * w, shape);
    HaarWavelet.transform(shape, f, scratch);
    scaleInPlace(f, 0, w, f);
    return f;
  }

  /**
   * Writes {@code x[from..to)} shifted and scaled to [0, 1] (all zeros when constant) into {@code
   * out[0..to-from)}.
   */
  private static void scaleInPlace(double[] x, int from, int to, double[] out) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
    }
    for (int i = from; i < to; i++) {
      out[i - from] = hi > lo ? (x[i] - lo) / (hi - lo) : 0;
    }
  }

  /** End of the learning period: pick the starting vigilance, then learn the buffered vectors. */
  private void learnStart() {
    double rho = StartingVigilance.of(learning, p.window() - 1, p.initialVigilance(), p.capacity());
    art.vigilance(rho, rho);
    for (int i = 0; i < learning.length; i++) {
      detect(learning[i], i + 1);
      learning[i] = null;
    }
  }

  private double detect(double[] f, int i) {
    int sinceAnomaly = i - lastAnomaly;
    boolean maskAfterAnomaly = sinceAnomaly <= p.mask();
    if (i > p.learningSteps() + p.mask() && maskAfterCluster && quietSteps >= p.mask()) {
      maskAfterCluster = false;
    }
    FuzzyArt.Outcome outcome = art.present(f, i >= p.window());
    boolean novel = outcome == FuzzyArt.Outcome.NOVEL || outcome == FuzzyArt.Outcome.NOT_LEARNED;
    quietSteps = novel ? 0 : quietSteps + 1;
    double match = art.bestMatch();
    vigilance.observe(match, art.upperVigilance(), sinceAnomaly < p.mask());
    boolean belowLast = match < lastAnomalyMatch * (maskAfterAnomaly ? 0.9 : 0.7);
    double score = 0;
    boolean live = i > p.learningSteps();
    if (live && novel && (!(maskAfterCluster || maskAfterAnomaly) || belowLast)) {
      score = confidence(match, art.bestEnergyMatch());
      vigilance.anomaly(match);
      lastAnomalyMatch = match;
      lastAnomaly = i;
    }
    maskAfterCluster |= novel;
    if (live && (sinceAnomaly == p.mask() || vigilance.due(i))) {
      vigilance.adapt(art, i);
      maskAfterCluster = true;
    }
    return score;
  }

  /** How far below both vigilance bounds the match fell, plus the energy-feature shortfall. */
  private double confidence(double match, double energyMatch) {
    double m = Math.min(0.999, match);
    double upper = (art.upperVigilance() - m) / (1 - m);
    double lower = (art.lowerVigilance() - m) / (1 - m);
    return 0.35 * upper + 0.65 * lower + 1.5 * (1 - energyMatch);
  }
}
