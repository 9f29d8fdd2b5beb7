package dev.pilothouse.core.anomaly;

import java.util.Arrays;

/**
 * A dual-vigilance fuzzy ART network (adaptive resonance theory, after Carpenter and Grossberg)
 * over feature vectors in [0, 1]^d. Each category is a hyper-box stored complement-coded as 2d
 * weights; an input's match with a category is |min(x, w)| / |w| (how much of the box the input
 * fills), sharpened by the match on one "energy" feature (the newest level).
 *
 * <p>Presenting an input does one of three things: if some categories match at or above the upper
 * vigilance, they <em>resonate</em> and shrink towards the input (fast learning); otherwise, if the
 * best match clears the lower vigilance, the input becomes a new category of a known cluster
 * (familiar enough); otherwise it founds a new cluster: the input is <em>novel</em>, the signal an
 * anomaly detector looks for. Memory is bounded: when {@code capacity} categories exist, the least
 * recently used one is overwritten. Work per input is O(categories · d).
 *
 * <p>As in ARTime's network (after AdaptiveResonance.jl), the very first input only sets the
 * network up: it is not learned and matches nothing; from then on a catch-all category, a box over
 * the whole space that never learns, matches every input at {@link #CATCH_ALL_MATCH}. It floors the
 * best match (and so the novelty confidence), and an input below every learned category is still
 * familiar once the lower vigilance sinks to that floor.
 */
final class FuzzyArt {
  /** What presenting an input did. */
  enum Outcome {
    /** At least one category matched at or above the upper vigilance and learned the input. */
    RESONATED,
    /** The best match cleared only the lower vigilance: a new category of a known cluster. */
    FAMILIAR,
    /** No category cleared the lower vigilance: a new cluster. */
    NOVEL,
    /** Learning was off, or this was the network's first input: nothing changed. */
    NOT_LEARNED
  }

  /**
   * The catch-all category's match with any input: half of a complement-coded input's mass lies in
   * the all-ones box and half of its energy feature, so (1/2)³·(1/2)².
   */
  static final double CATCH_ALL_MATCH = 1.0 / 32;

  /** The catch-all category's energy-feature match with any input. */
  private static final double CATCH_ALL_ENERGY = 0.5;

  private final int dim;
  private final int energyIndex;
  private final int capacity;
  // Feature-major layout (feature k of category j at k * capacity + j): the match loop then runs
  // over categories with unit stride, which the JIT vectorises.
  private final double[] lower;
  private final double[] complement;
  private final double[] norms;
  private final long[] lastUsed;
  private final double[] matches;
  private int size;
  private long clock;
  private double lowerVigilance;
  private double upperVigilance;
  private double bestMatch;
  private double bestEnergyMatch;
  private boolean started;

  /**
   * @param dim feature dimension d (weights are 2d long)
   * @param energyIndex index of the feature whose match sharpens the overall match
   * @param capacity most categories kept
   */
  FuzzyArt(int dim, int energyIndex, int capacity) {
    this.dim = dim;
    this.energyIndex = energyIndex;
    this.capacity = capacity;
    this.lower = new double[capacity * dim];
    this.complement = new double[capacity * dim];
    this.norms = new double[capacity];
    this.lastUsed = new long[capacity];
    this.matches = new double[capacity];
  }

  void vigilance(double lower, double upper) {
    lowerVigilance = lower;
    upperVigilance = upper;
  }

  double lowerVigilance() {
    return lowerVigilance;
  }

  double upperVigilance() {
    return upperVigilance;
  }

  /** Best match of the last input presented, in [1/32, 1]; 0 for the network's first input. */
  double bestMatch() {
    return bestMatch;
  }

  /** Energy-feature match of the best-matching category for the last input. */
  double bestEnergyMatch() {
    return bestEnergyMatch;
  }

  int size() {
    return size;
  }

  /** Presents one input (features in [0, 1], length d); learns from it unless {@code learn}. */
  Outcome present(double[] x, boolean learn) {
    clock++;
    if (!started) {
      started = true;
      bestMatch = 0;
      bestEnergyMatch = 0;
      return Outcome.NOT_LEARNED;
    }
    matchAll(x);
    if (!learn) {
      return Outcome.NOT_LEARNED;
    }
    boolean resonated = false;
    for (int j = 0; j < size; j++) {
      if (matches[j] >= upperVigilance) {
        learn(j, x);
        resonated = true;
      }
    }
    if (resonated) {
      return Outcome.RESONATED;
    }
    commit(x);
    return bestMatch >= lowerVigilance ? Outcome.FAMILIAR : Outcome.NOVEL;
  }

  /**
   * Fills {@link #matches} and sets the best match: the catch-all's unless a learned category
   * matches better (on a tie the catch-all, which ARTime's network holds first, wins).
   */
  private void matchAll(double[] x) {
    double[] common = matches;
    Arrays.fill(common, 0, size, 0);
    for (int k = 0; k < dim; k++) {
      double xk = x[k];
      double ck = 1 - xk;
      int base = k * capacity;
      for (int j = 0; j < size; j++) {
        common[j] += Math.min(xk, lower[base + j]) + Math.min(ck, complement[base + j]);
      }
    }
    bestMatch = CATCH_ALL_MATCH;
    bestEnergyMatch = CATCH_ALL_ENERGY;
    int e = energyIndex * capacity;
    double xe = x[energyIndex];
    for (int j = 0; j < size; j++) {
      double we = lower[e + j] + complement[e + j];
      double energy =
          we == 0 ? 0 : (Math.min(xe, lower[e + j]) + Math.min(1 - xe, complement[e + j])) / we;
      double feature = common[j] / Math.max(norms[j], 1e-3);
      double m = feature * feature * feature * energy * energy;
      matches[j] = m;
      if (m > bestMatch) {
        bestMatch = m;
        bestEnergyMatch = energy;
      }
    }
  }

  /** Fast learning: the category's box grows just enough to hold the input. */
  private void learn(int j, double[] x) {
    double norm = 0;
    for (int k = 0; k < dim; k++) {
      int i = k * capacity + j;
      lower[i] = Math.min(x[k], lower[i]);
      complement[i] = Math.min(1 - x[k], complement[i]);
      norm += lower[i] + complement[i];
    }
    norms[j] = norm;
    lastUsed[j] = clock;
  }

  /** Commits the input as a new category, overwriting the least recently used one when full. */
  private void commit(double[] x) {
    int j = size < capacity ? size++ : leastRecentlyUsed();
    for (int k = 0; k < dim; k++) {
      lower[k * capacity + j] = x[k];
      complement[k * capacity + j] = 1 - x[k];
    }
    norms[j] = dim;
    lastUsed[j] = clock;
  }

  private int leastRecentlyUsed() {
    int oldest = 0;
    for (int j = 1; j < size; j++) {
      if (lastUsed[j] < lastUsed[oldest]) {
        oldest = j;
      }
    }
    return oldest;
  }

  /**
   * Re-expresses features {@code from..to-1} of every category after their scale changed: a value x
   * now reads as scale·x + shift (scale in (0, 1], so boxes stay inside [0, 1]).
   */
  void remap(int from, int to, double scale, double shift) {
    for (int k = from; k < to; k++) {
      for (int j = 0; j < size; j++) {
        int i = k * capacity + j;
        double upper = 1 - complement[i];
        lower[i] = scale * lower[i] + shift;
        complement[i] = 1 - (scale * upper + shift);
      }
    }
    for (int j = 0; j < size; j++) {
      double norm = 0;
      for (int k = 0; k < dim; k++) {
        norm += lower[k * capacity + j] + complement[k * capacity + j];
      }
      norms[j] = norm;
    }
  }
}
