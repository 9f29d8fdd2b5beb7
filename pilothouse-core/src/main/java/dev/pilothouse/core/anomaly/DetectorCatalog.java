package dev.pilothouse.core.anomaly;

import java.util.List;
import java.util.function.Supplier;

/**
 * The named detectors with their one corpus-wide parameter set (no per-series tuning). A benchmark
 * creates a fresh instance per series from {@link #factory(String)}. Parameters are documented in
 * docs/nab.md.
 */
public final class DetectorCatalog {
  /** Values remembered by the Gaussian models: about three weeks of 5-minute data. */
  private static final int GAUSSIAN_WINDOW = 6400;

  /** tanh scale of the Gaussian z-score: z = 10 maps to 0.76. */
  private static final double Z_SCALE = 10;

  /** Points a score must stay the highest over to count as a new onset. */
  private static final int REFRACTORY = 400;

  /** Shorter memory of the residual ensemble: about a week of 5-minute data. */
  private static final int RESIDUAL_WINDOW = 2000;

  /** Onset refractory period of the residual ensemble. */
  private static final int RESIDUAL_REFRACTORY = 300;

  /** EWMA weight of the newest value in the residual ensemble's forecast. */
  private static final double EWMA_ALPHA = 0.5;

  /** Weight of the context-likelihood member in the residual ensemble. */
  private static final double CONTEXT_WEIGHT = 0.5;

  private static final LikelihoodDetector.Params LIKELIHOOD =
      new LikelihoodDetector.Params(8640, 1, 400, 0.02);

  private DetectorCatalog() {}

  /** The detector names, best first. */
  public static List<String> names() {
    return List.of(
        "residual-onset",
        "ensemble-onset",
        "gaussian-onset",
        "context-likelihood",
        "windowed-gaussian");
  }

  /** A factory of fresh detectors for the named kind. */
  public static Supplier<AnomalyDetector> factory(String name) {
    return switch (name) {
      case "windowed-gaussian" -> () -> new WindowedGaussian(GAUSSIAN_WINDOW);
      case "gaussian-onset" -> () -> onset(gaussian());
      case "residual-onset" -> DetectorCatalog::residualOnset;
      case "ensemble-onset" ->
          () -> onset(new MaxEnsemble(List.of(gaussian(), new Differencing(gaussian()))));
      case "context-likelihood" -> () -> onset(contextLikelihood());
      default ->
          throw new IllegalArgumentException(
              "unknown detector '" + name + "'; known: " + String.join(", ", names()));
    };
  }

  /** A fresh detector of the named kind. */
  public static AnomalyDetector create(String name) {
    return factory(name).get();
  }

  private static AnomalyDetector gaussian() {
    return new WindowedGaussian(GAUSSIAN_WINDOW, Z_SCALE);
  }

  /**
   * Level, first difference and EWMA prediction error, each as a tanh-Gaussian view over the last
   * {@link #RESIDUAL_WINDOW} values, plus the half-weighted context likelihood, maxed, then the
   * onset filter.
   */
  private static AnomalyDetector residualOnset() {
    return new OnsetFilter(
        new MaxEnsemble(
            List.of(
                residualView(),
                new Differencing(residualView()),
                new EwmaResidual(residualView(), EWMA_ALPHA),
                new Weighted(contextLikelihood(), CONTEXT_WEIGHT))),
        RESIDUAL_REFRACTORY,
        0);
  }

  private static AnomalyDetector contextLikelihood() {
    return new LikelihoodDetector(new ContextNovelty(10, 2), LIKELIHOOD);
  }

  private static AnomalyDetector residualView() {
    return new WindowedGaussian(RESIDUAL_WINDOW, Z_SCALE);
  }

  private static AnomalyDetector onset(AnomalyDetector inner) {
    return new OnsetFilter(inner, REFRACTORY, 0);
  }
}
