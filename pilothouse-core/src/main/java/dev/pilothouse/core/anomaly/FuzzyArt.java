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
    /** Learning was off: nothing changed. */
    NOT_LEARNED
  }

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

  /** Best match of the last input presented, in [0, 1]; 0 when no category existed. */
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
    int best = matchAll(x);
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
    return best >= 0 && bestMatch >= lowerVigilance ? Outcome.FAMILIAR : Outcome.NOVEL;
  }

  /** Fills {@link #matches}, sets the best match and returns its category (or -1). */
  private int matchAll(double[] x) {
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
    bestMatch = 0;
    bestEnergyMatch = 0;
    int best = -1;
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
        best = j;
      }
    }
    return best;
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
