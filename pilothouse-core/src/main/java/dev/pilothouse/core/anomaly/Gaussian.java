package dev.pilothouse.core.anomaly;

/** Normal-distribution helpers used to turn z-scores into probabilities. */
final class Gaussian {
  private Gaussian() {}

  /**
   * Upper tail P(Z > z) of the standard normal, via the complementary error function (Numerical
   * Recipes' Chebyshev fit, relative error below 1.2e-7, plenty for ranking points).
   */
  static double tail(double z) {
    return 0.5 * erfc(z / Math.sqrt(2.0));
  }

  static double erfc(double x) {
    double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
    double poly =
        -x * x
            - 1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    double r = t * Math.exp(poly);
    return x >= 0 ? r : 2.0 - r;
  }
}
