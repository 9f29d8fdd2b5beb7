package dev.pilothouse.core.anomaly;

/**
 * The orthonormal Haar wavelet transform of a power-of-two-length vector, all levels, with the sign
 * convention of Wavelets.jl (which ARTime uses): a detail is (second − first)/√2. The sign matters
 * to {@link ResonanceDetector}: it scales the whole coefficient vector, mean included, to [0, 1],
 * and flipped details read as a different shape (docs/nab.md: the flipped sign cost 2 NAB points).
 */
final class HaarWavelet {
  private static final double ROOT_HALF = Math.sqrt(0.5);

  private HaarWavelet() {}

  /**
   * Transforms {@code x} (length a power of two) into {@code out}: the overall scaling coefficient
   * first, then the details from the coarsest level to the finest.
   *
   * @param scratch a work array at least as long as {@code x}
   */
  static void transform(double[] x, double[] out, double[] scratch) {
    int n = x.length;
    System.arraycopy(x, 0, scratch, 0, n);
    for (int len = n; len > 1; len /= 2) {
      int half = len / 2;
      for (int i = 0; i < half; i++) {
        double a = scratch[2 * i];
        double b = scratch[2 * i + 1];
        out[half + i] = (b - a) * ROOT_HALF;
        scratch[i] = (a + b) * ROOT_HALF;
      }
    }
    out[0] = scratch[0];
  }
}
