package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The adaptive-resonance detector and its parts, on small synthetic series. */
class ResonanceDetectorTest {
  private static final ResonanceDetector.Params PARAMS =
      new ResonanceDetector.Params(4, 8, 150, 80, 0.1, 0.075, 0.8, 128, 12);

  /** A noisy daily wave (288 points a day) with a burst of a new shape at {@code breakAt}. */
  private static double[] waveWithBreak(int n, int breakAt, long seed) {
    Random random = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288) + random.nextGaussian();
      if (i >= breakAt && i < breakAt + 40) {
        v[i] = 50 + 60 * ((i / 4) % 2); // a square burst the wave never showed
      }
    }
    return v;
  }

  private static double[] run(AnomalyDetector d, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = d.score(300L * i, v[i]);
    }
    return out;
  }

  @Test
  void aShapeTheSeriesNeverShowedIsReportedEarlyAndTheLearnedWaveStaysMostlyQuiet() {
    double[] scores = run(new ResonanceDetector(PARAMS), waveWithBreak(6000, 5000, 11));
    int reportsInBurst = 0;
    for (int i = 5000; i < 5040; i++) {
      reportsInBurst += scores[i] > 0 ? 1 : 0;
    }
    int reportsBefore = 0;
    for (int i = 0; i < 5000; i++) {
      reportsBefore += scores[i] > 0 ? 1 : 0;
    }
    assertThat(reportsInBurst).isBetween(1, 3); // one alert, not one per point
    assertThat(reportsBefore).isLessThan(10);
    for (int i = 0; i < 600; i++) {
      assertThat(scores[i]).as("learning row %d", i).isZero();
    }
  }

  @Test
  void theSameSeriesGivesTheSameScores() {
    double[] v = waveWithBreak(5000, 4000, 5);
    assertThat(run(new ResonanceDetector(PARAMS), v))
        .containsExactly(run(new ResonanceDetector(PARAMS), v));
  }

  @Test
  void aRangeThatKeepsGrowingDoesNotBreakTheUnitInterval() {
    double[] v = new double[4000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * (1 + Math.sin(i / 7.0)); // every block a new maximum
    }
    for (double s : run(new ResonanceDetector(PARAMS), v)) {
      assertThat(s).isBetween(0.0, 1.0);
    }
  }

  @Test
  void aKnownLearningLengthSizesTheModelLikeArtimeAndATooShortOneKeepsTheParameters() {
    ResonanceDetector.Params sized = PARAMS.sizedFor(750, 104, 9, 256);
    assertThat(sized.step()).isEqualTo(7);
    assertThat(sized.learningSteps()).isEqualTo(107);
    assertThat(sized.mask()).isEqualTo(9);
    assertThat(sized.capacity()).isEqualTo(256);
    assertThat(PARAMS.sizedFor(169, 104, 9, 256).step()).isEqualTo(1);
    assertThat(PARAMS.sizedFor(169, 104, 9, 256).learningSteps()).isEqualTo(169);
    assertThat(PARAMS.sizedFor(8, 104, 9, 256)).isSameAs(PARAMS);
    assertThat(PARAMS.sizedFor(0, 104, 9, 256)).isSameAs(PARAMS);
    assertThat(PARAMS.sizable(0, 104)).isFalse();
    assertThat(PARAMS.sizable(600, 104)).isTrue();
  }

  @Test
  void aHintedRangeIsUsedFromTheFirstPointSoNothingIsRemapped() {
    SpikeDownsampler hinted = new SpikeDownsampler(1, 100, 0.1, 0.0, new SeriesHints(0, 100, 0));
    SpikeDownsampler blind = new SpikeDownsampler(1, 100, 0.1, 0.0, SeriesHints.NONE);
    assertThat(hinted.add(25)).isEqualTo(0.25);
    assertThat(hinted.add(50)).isEqualTo(0.5);
    assertThat(hinted.rescaled()).isFalse();
    blind.add(25);
    assertThat(blind.add(50)).isEqualTo(1.0); // the running range is only [25, 50]
  }

  @Test
  void aValueOutsideTheHintedRangeWidensItAsWithoutHints() {
    SpikeDownsampler hinted = new SpikeDownsampler(1, 100, 0.1, 0.0, new SeriesHints(0, 100, 0));
    hinted.add(50);
    assertThat(hinted.add(200)).isEqualTo(1.0);
    assertThat(hinted.rescaled()).isTrue();
    assertThat(hinted.scale()).isEqualTo(0.5);
  }

  @Test
  void theParametersRejectAWindowThatIsNotAPowerOfTwoOrALearningPeriodShorterThanIt() {
    assertThatThrownBy(() -> new ResonanceDetector.Params(4, 6, 150, 80, 0.1, 0.075, 0.8, 128, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two");
    assertThatThrownBy(() -> new ResonanceDetector.Params(4, 8, 8, 80, 0.1, 0.075, 0.8, 128, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("learningSteps");
  }

  @Test
  void theNetworkResonatesWithWhatItLearnedAndFindsAFarInputNovel() {
    FuzzyArt art = new FuzzyArt(2, 1, 4);
    art.vigilance(0.5, 0.9);
    art.present(new double[] {0.5, 0.5}, true); // the first input only sets the network up
    assertThat(art.present(new double[] {0.2, 0.2}, true)).isEqualTo(FuzzyArt.Outcome.NOVEL);
    assertThat(art.present(new double[] {0.2, 0.2}, true)).isEqualTo(FuzzyArt.Outcome.RESONATED);
    assertThat(art.bestMatch()).isCloseTo(1.0, within(1e-12));
    assertThat(art.present(new double[] {0.9, 0.9}, true)).isEqualTo(FuzzyArt.Outcome.NOVEL);
    assertThat(art.size()).isEqualTo(2);
  }

  @Test
  void theFirstInputIsNotLearnedAndLaterOnesMatchAtLeastTheCatchAllCategory() {
    FuzzyArt art = new FuzzyArt(2, 1, 4);
    art.vigilance(0.5, 0.9);
    assertThat(art.present(new double[] {0.2, 0.2}, true)).isEqualTo(FuzzyArt.Outcome.NOT_LEARNED);
    assertThat(art.bestMatch()).isZero();
    assertThat(art.size()).isZero();
    art.present(new double[] {0.0, 0.0}, true);
    art.present(new double[] {1.0, 1.0}, false); // no overlap with the learned point
    assertThat(art.bestMatch()).isEqualTo(FuzzyArt.CATCH_ALL_MATCH);
    assertThat(art.bestEnergyMatch()).isEqualTo(0.5);
    art.vigilance(
        FuzzyArt.CATCH_ALL_MATCH, 0.9); // a lower vigilance at the floor: nothing is novel
    assertThat(art.present(new double[] {1.0, 1.0}, true)).isEqualTo(FuzzyArt.Outcome.FAMILIAR);
  }

  @Test
  void aHalfWayLevelRoundsToTheEvenLevelAsInArtime() {
    SpikeDownsampler even = new SpikeDownsampler(1, 2, 0.0, 0.0, new SeriesHints(0, 4, 0));
    assertThat(even.add(1)).isEqualTo(0.0); // 0.25 of the range is level 0.5: rounds to 0
    assertThat(even.add(3)).isEqualTo(1.0); // 0.75 is level 1.5: rounds to 2 of 2
  }

  @Test
  void theNetworkNeverHoldsMoreCategoriesThanItsCapacity() {
    FuzzyArt art = new FuzzyArt(1, 0, 3);
    art.vigilance(0.99, 0.99);
    for (int i = 0; i < 50; i++) {
      art.present(new double[] {i / 50.0}, true);
    }
    assertThat(art.size()).isEqualTo(3);
  }

  @Test
  void rescalingCategoriesKeepsTheMatchOfARescaledInput() {
    FuzzyArt art = new FuzzyArt(1, 0, 2);
    art.vigilance(0.5, 0.9);
    art.present(new double[] {0.5}, true); // the first input only sets the network up
    art.present(new double[] {0.8}, true);
    art.remap(0, 1, 0.5, 0.25); // the range doubled: 0.8 now reads 0.65
    art.present(new double[] {0.65}, false);
    assertThat(art.bestMatch()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theLevelMedianFollowsTheMiddleOfTheLevelsAndSurvivesARemap() {
    LevelMedian median = new LevelMedian(10);
    int last = 0;
    for (int level : new int[] {5, 5, 6, 4, 5, 9, 5, 1, 5}) {
      last = median.add(level);
    }
    assertThat(last).isEqualTo(5);
    median.remap(0.5, 0.0); // every level halves: 5 -> 2.5 rounds to 3
    assertThat(median.add(3)).isEqualTo(3);
  }

  @Test
  void theHaarTransformKeepsEnergyAndPutsTheMeanFirst() {
    double[] x = {1, 2, 3, 4, 4, 3, 2, 1};
    double[] out = new double[8];
    HaarWavelet.transform(x, out, new double[8]);
    double energyIn = 0;
    double energyOut = 0;
    for (int i = 0; i < 8; i++) {
      energyIn += x[i] * x[i];
      energyOut += out[i] * out[i];
    }
    assertThat(energyOut).isCloseTo(energyIn, within(1e-9));
    assertThat(out[0]).isCloseTo(20 / Math.sqrt(8), within(1e-12));
    assertThat(out[1]).isCloseTo(0, within(1e-12)); // both halves have the same sum
    // Details are second minus first, as in Wavelets.jl: the finest pair (1, 2) gives +1/√2.
    assertThat(out[4]).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(out[7]).isCloseTo(-Math.sqrt(0.5), within(1e-12));
  }

  @Test
  void downsamplingKeepsASpikeAndADipButReadsSmallWigglesAsTheMean() {
    SpikeDownsampler d = new SpikeDownsampler(4, 100, 0.1, 0.0, SeriesHints.NONE);
    double[] levels = new double[4];
    double[] v = {0, 100, 50, 50, 50, 50, 50, 50, 52, 150, 50, 50, 50, 50, 10, 50};
    int k = 0;
    for (double x : v) {
      double level = d.add(x);
      if (!Double.isNaN(level)) {
        levels[k++] = level;
      }
    }
    assertThat(levels[1]).isCloseTo(0.5, within(1e-9)); // flat 50s in the range 0..100
    assertThat(levels[2]).isCloseTo(1.0, within(1e-9)); // the spike, not the block mean
    assertThat(levels[3]).isCloseTo(10 / 150.0, within(0.006)); // the dip, in the range 0..150
  }
}
