package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ResonanceDetector} configured as ARTime runs under NAB (the file's min and max, sized from
 * the probation, every category kept, scores rounded to 6 digits as ARTime reports them) scores
 * exactly ARTime's published NAB results in all three profiles: the port is faithful, so any change
 * to the resonance model's parts shows up here.
 */
class NabArtimeReproductionTest {
  /** More categories than ARTime creates on any NAB file: in effect unbounded, as in ARTime. */
  private static final int UNBOUNDED = 4096;

  @Test
  void theArtimeConfiguredPortScoresArtimesPublishedResultsInEveryProfile() {
    NabCorpus corpus = NabFixtures.corpus();
    Detections detections = Detections.of(corpus.series(), artimeScores(corpus));
    JsonNode published =
        Json.parse(NabCorpus.read(NabFixtures.ROOT.resolve("results/final_results.json")))
            .get("ARTime");
    for (CostProfile profile : CostProfile.NAB) {
      assertThat(ThresholdSweep.optimise(detections, profile).nab())
          .as(profile.name())
          .isCloseTo(published.get(profile.name()).asDouble(), within(1e-9));
    }
  }

  private static List<double[]> artimeScores(NabCorpus corpus) {
    ResonanceDetector.Params base =
        new ResonanceDetector.Params(4, 8, 150, 80, 0.1, 0.075, 0.8, UNBOUNDED, 12);
    List<double[]> scores = new ArrayList<>();
    for (LabelledSeries s : corpus.series()) {
      SeriesHints hints = s.protocolHints();
      ResonanceDetector d =
          new ResonanceDetector(base.sizedFor(hints.learningPoints(), 104, 12, UNBOUNDED), hints);
      double[] out = new double[s.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.round(d.score(s.epochSeconds()[i], s.values()[i]) * 1e6) / 1e6;
      }
      scores.add(out);
    }
    return scores;
  }
}
