package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section C.1 of nab-reference-check.md: every per-file Score of the upstream summaries. */
class NabPerFileScoresTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "null, standard",
    "null, reward_low_FP_rate",
    "null, reward_low_FN_rate",
    "numenta, standard",
    "numenta, reward_low_FP_rate",
    "numenta, reward_low_FN_rate",
  })
  void everyFileScoresAsInTheUpstreamScoresCsv(String detector, String profileName) {
    CostProfile profile = NabFixtures.profile(profileName);
    double theta = NabFixtures.storedThreshold(detector, profileName);
    Map<String, Double> expected = expectedScores(detector, profileName);
    Detections detections = NabFixtures.results(detector);

    for (int i = 0; i < detections.series().size(); i++) {
      LabelledSeries series = detections.series().get(i);
      FileScore score = NabScorer.score(series, detections.scores().get(i), profile, theta);
      assertThat(score.score())
          .as(series.name())
          .isCloseTo(expected.get(series.name()), within(1e-9));
    }
    assertThat(expected).hasSize(detections.series().size());
  }

  private static Map<String, Double> expectedScores(String detector, String profile) {
    String file = detector + "_" + profile + "_scores.csv";
    String[][] cols =
        NabCsv.columns(
            NabFixtures.ROOT.resolve("results").resolve(detector).resolve(file),
            List.of("File", "Score"));
    Map<String, Double> out = new HashMap<>();
    for (int r = 0; r < cols[0].length; r++) {
      if (!cols[0][r].isEmpty()) { // the Totals row has no file name
        out.put(cols[0][r], Double.parseDouble(cols[1][r]));
      }
    }
    return out;
  }
}
