package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog's best detector keeps its NAB standard score on the full corpus: a change that costs
 * points fails here instead of being found in the next benchmark run.
 */
class NabBestDetectorFloorTest {
  /** Measured 65.89 (docs/nab.md); the detectors are deterministic, so little slack is needed. */
  private static final double STANDARD_FLOOR = 65.5;

  @Test
  void theBestCataloguedDetectorScoresAtLeastItsDocumentedStandardScore() {
    NabCorpus corpus = NabFixtures.corpus();
    String best = DetectorCatalog.names().getFirst();
    List<double[]> scores = new ArrayList<>();
    for (LabelledSeries s : corpus.series()) {
      AnomalyDetector d = DetectorCatalog.create(best);
      double[] out = new double[s.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = d.score(s.epochSeconds()[i], s.values()[i]);
      }
      scores.add(out);
    }
    CorpusScore standard =
        ThresholdSweep.optimise(Detections.of(corpus.series(), scores), CostProfile.STANDARD);
    assertThat(standard.nab()).as(best).isGreaterThanOrEqualTo(STANDARD_FLOOR);
  }
}
