package dev.pilothouse.core.anomaly;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The starting vigilance of a {@link ResonanceDetector}: the learning period's feature vectors are
 * ordered from least to most typical (sum of cosine similarities to all the others), presented in
 * that order to a scratch network of fixed vigilance, and the mean best match over the second half
 * is taken: how well a typical input of this series matches what came before it (the first, least
 * typical, vector only sets the scratch network up, as in ARTime). Runs once, O(n²) in the learning
 * period's length.
 */
final class StartingVigilance {
  private StartingVigilance() {}

  /**
   * @param vectors the learning period's feature vectors; those before {@code first} are ignored
   * @param first index of the first complete vector
   * @param vigilance the scratch network's vigilance
   * @param capacity the scratch network's category bound
   */
  static double of(double[][] vectors, int first, double vigilance, int capacity) {
    double[][] xs = Arrays.copyOfRange(vectors, first, vectors.length);
    int n = xs.length;
    double[] typicality = new double[n];
    for (int i = 0; i < n; i++) {
      typicality[i] += 1;
      for (int j = 0; j < i; j++) {
        double s = similarity(xs[i], xs[j]);
        typicality[i] += s;
        typicality[j] += s;
      }
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> typicality[i]));
    int dim = xs[0].length;
    FuzzyArt scratch = new FuzzyArt(dim, dim - 1, capacity);
    scratch.vigilance(vigilance, vigilance);
    double sum = 0;
    int counted = 0;
    int from = vectors.length / 2 - 1;
    for (int k = 0; k < n; k++) {
      scratch.present(xs[order[k]], true);
      if (k >= from) {
        sum += scratch.bestMatch();
        counted++;
      }
    }
    return counted == 0 ? vigilance : sum / counted;
  }

  /** Cosine similarity; against a zero vector, 1 minus the other's norm. */
  private static double similarity(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int k = 0; k < a.length; k++) {
      dot += a[k] * b[k];
      na += a[k] * a[k];
      nb += b[k] * b[k];
    }
    na = Math.sqrt(na);
    nb = Math.sqrt(nb);
    if (na == 0 || nb == 0) {
      return 1 - Math.max(na, nb);
    }
    return dot / (na * nb);
  }
}
