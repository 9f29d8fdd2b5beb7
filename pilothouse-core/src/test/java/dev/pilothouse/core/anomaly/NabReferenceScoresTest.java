package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table A of nab-reference-check.md: published detections scored at NAB's stored thresholds. */
class NabReferenceScoresTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "null, standard, -116.0, 0.0, 0, 0, 0, 33495, 299347, 0",
    "null, reward_low_FP_rate, -116.0, 0.0, 0, 0, 0, 33495, 299347, 0",
    "null, reward_low_FN_rate, -232.0, 0.0, 0, 0, 0, 33495, 299347, 0",
    "numenta, standard, 46.6344501971, 70.10105611943965, 96, 240, 153, 33255, 299194,"
        + " -15.9891409913",
    "numenta, reward_low_FP_rate, 30.4310725171, 63.11684160219828, 93, 223, 128, 33272, 299219,"
        + " -26.6946275275",
    "numenta, reward_low_FN_rate, 26.6344501971, 74.3202443095115, 96, 240, 153, 33255, 299194,"
        + " -15.9891409913",
    "random, standard, -76.9502974268, 16.831768350517237, 51, 62, 469, 33433, 298878,"
        + " -50.6147231591",
    "random, reward_low_FP_rate, -102.6282570179, 5.763682319827586, 35, 36, 227, 33459, 299120,"
        + " -49.2162235988",
    "random, reward_low_FN_rate, -141.9502974268, 25.876351314080456, 51, 62, 469, 33433, 298878,"
        + " -50.6147231591",
  })
  void publishedDetectionsScoreExactlyAsPublishedAtTheStoredThresholds(
      String detector,
      String profileName,
      double raw,
      double nab,
      int windowsHit,
      long tp,
      long fp,
      long fn,
      long tn,
      double fpPart) {
    CostProfile profile = NabFixtures.profile(profileName);
    double theta = NabFixtures.storedThreshold(detector, profileName);

    CorpusScore score = NabScorer.score(NabFixtures.results(detector), profile, theta);

    assertThat(score.nab()).isCloseTo(nab, within(1e-9));
    assertThat(score.raw()).isCloseTo(raw, within(1e-9));
    assertThat(score.total().fpPart()).isCloseTo(fpPart, within(1e-9));
    assertThat(score.total().windowsHit()).isEqualTo(windowsHit);
    assertThat(score.total().windows()).isEqualTo(116);
    assertThat(new long[] {score.total().tp(), score.total().fp(), score.total().fn()})
        .containsExactly(tp, fp, fn);
    assertThat(score.total().tn()).isEqualTo(tn);
  }
}
