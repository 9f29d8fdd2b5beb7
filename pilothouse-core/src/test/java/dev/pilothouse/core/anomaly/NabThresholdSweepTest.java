package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table B of nab-reference-check.md: the exhaustive sweep's thresholds and scores. */
class NabThresholdSweepTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "null, standard, 1.1, -116, 0",
    "null, reward_low_FP_rate, 1.1, -116, 0",
    "null, reward_low_FN_rate, 1.1, -232, 0",
    "numenta, standard, 0.543099145074, 46.6344501971, 70.1010561195",
    "numenta, reward_low_FP_rate, 0.543099145074, 30.6453092058, 63.2091850025",
    "numenta, reward_low_FN_rate, 0.543099145074, 26.6344501971, 74.3202443095",
    "random, standard, 0.998405097835, -75.0393799001, 17.6554396982",
    "random, reward_low_FP_rate, 0.999595043934, -98.6463189431, 7.4800349383",
    "random, reward_low_FN_rate, 0.998405097835, -136.0393799001, 27.5748908333",
  })
  void theSweepFindsTheBestThresholdAndPrefersTheHigherOneOnTies(
      String detector, String profileName, double theta, double raw, double nab) {
    CorpusScore score =
        ThresholdSweep.optimise(NabFixtures.results(detector), NabFixtures.profile(profileName));

    assertThat(score.theta()).isEqualTo(theta);
    // The table prints 10 decimals, so that is the precision it can be checked to.
    assertThat(score.raw()).isCloseTo(raw, within(1e-9));
    assertThat(score.nab()).isCloseTo(nab, within(1e-9));
  }

  @Test
  void sweepingAllThreeProfilesOverTheFullCorpusTakesWellUnderTwoSeconds() {
    Detections numenta = NabFixtures.results("numenta");
    ThresholdSweep.optimise(numenta, CostProfile.STANDARD); // warm-up

    long start = System.nanoTime();
    for (CostProfile profile : CostProfile.NAB) {
      ThresholdSweep.optimise(numenta, profile);
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(seconds).isLessThan(2.0);
  }
}
