package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog's best detector keeps its NAB standard score on the full corpus, under NAB's detector
 * protocol and in strict streaming: a change that costs points fails here instead of being found in
 * the next benchmark run.
 */
class NabBestDetectorFloorTest {
  /**
   * Measured 78.41 under the protocol (docs/nab.md); the detectors are deterministic, so little
   * slack is needed.
   */
  private static final double PROTOCOL_FLOOR = 78.0;

  /** Measured 66.22 in strict streaming (docs/nab.md). */
  private static final double STRICT_FLOOR = 65.9;

  @Test
  void theBestCataloguedDetectorScoresAtLeastItsDocumentedStandardScoreUnderTheProtocol() {
    assertThat(standardScore(true)).isGreaterThanOrEqualTo(PROTOCOL_FLOOR);
  }

  @Test
  void theBestCataloguedDetectorScoresAtLeastItsDocumentedStandardScoreWithoutHints() {
    assertThat(standardScore(false)).isGreaterThanOrEqualTo(STRICT_FLOOR);
  }

  private static double standardScore(boolean protocol) {
    NabCorpus corpus = NabFixtures.corpus();
    String best = DetectorCatalog.names().getFirst();
    List<double[]> scores = new ArrayList<>();
    for (LabelledSeries s : corpus.series()) {
      AnomalyDetector d =
          DetectorCatalog.create(best, protocol ? s.protocolHints() : SeriesHints.NONE);
      double[] out = new double[s.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = d.score(s.epochSeconds()[i], s.values()[i]);
      }
      scores.add(out);
    }
    return ThresholdSweep.optimise(Detections.of(corpus.series(), scores), CostProfile.STANDARD)
        .nab();
  }
}
