package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-checkable values of section C.4, on a copy of art_daily_jumpsup's shape, no corpus. */
class NabUnitValuesTest {
  private static final LabelledSeries JUMPSUP = series(4032, new RowWindow(2787, 3189));

  static LabelledSeries series(int rows, RowWindow... windows) {
    long[] ts = new long[rows];
    for (int i = 0; i < rows; i++) {
      ts[i] = 300L * i;
    }
    return new LabelledSeries("synthetic.csv", ts, new double[rows], List.of(windows));
  }

  private static double single(LabelledSeries series, int row, CostProfile profile) {
    double[] scores = new double[series.size()];
    scores[row] = 1.0;
    FileScore none = NabScorer.score(series, new double[series.size()], profile, 0.5);
    return NabScorer.score(series, scores, profile, 0.5).score() - none.score();
  }

  private static double fpPart(LabelledSeries series, int row) {
    double[] scores = new double[series.size()];
    scores[row] = 1.0;
    return NabScorer.score(series, scores, CostProfile.STANDARD, 0.5).fpPart();
  }

  @ParameterizedTest(name = "row {0}")
  @CsvSource({
    "2787, 2.0",
    "2988, 1.8606718242697",
    "3189, 1.0062875577437",
    "3190, -0.000684070783249",
    "3591, -0.108527572797",
    "604, -0.11",
    "2786, -0.11",
    "603, 0",
    "0, 0",
  })
  void aSingleDetectionAddsTheDocumentedValueUnderTheStandardProfile(int row, double added) {
    // A detection inside the window also removes the -1 miss penalty, hence the +1 there.
    assertThat(single(JUMPSUP, row, CostProfile.STANDARD)).isCloseTo(added, within(1e-12));
  }

  @Test
  void theLowFalsePositiveProfileDoublesFalsePositivePenalties() {
    assertThat(single(JUMPSUP, 3591, CostProfile.REWARD_LOW_FP))
        .isCloseTo(-0.217055145594, within(1e-12));
  }

  @Test
  void theProbationaryPeriodIsFifteenPercentCappedAtSevenHundredFifty() {
    assertThat(JUMPSUP.probationaryRows()).isEqualTo(604);
    assertThat(series(22695).probationaryRows()).isEqualTo(750);
    assertThat(series(1127).probationaryRows()).isEqualTo(169);
  }

  @Test
  void falsePositivesFarPastTheWindowCostExactlyTheFullPenalty() {
    LabelledSeries s = series(100, new RowWindow(20, 23)); // W - 1 = 3: capped after row 32
    assertThat(fpPart(s, 32)).isGreaterThan(-0.11);
    assertThat(fpPart(s, 33)).isEqualTo(-0.11);
  }

  @Test
  void falsePositivesArePenalisedByThePrecedingWindowNotTheNearestOne() {
    LabelledSeries s = series(200, new RowWindow(40, 49), new RowWindow(120, 129));
    // Row 119 is next to the second window, but only the first one precedes it.
    assertThat(fpPart(s, 119)).isEqualTo(-0.11);
    assertThat(fpPart(s, 52)).isCloseTo(-0.11 * Math.tanh(2.5 * 3 / 9.0), within(1e-12));
  }

  @Test
  void onlyTheEarliestDetectionInAWindowCounts() {
    double[] scores = new double[4032];
    scores[2988] = 1;
    double alone = NabScorer.score(JUMPSUP, scores, CostProfile.STANDARD, 0.5).score();
    scores[3100] = 1;
    FileScore both = NabScorer.score(JUMPSUP, scores, CostProfile.STANDARD, 0.5);
    assertThat(both.score()).isEqualTo(alone);
    assertThat(both.tp()).isEqualTo(2);
    assertThat(both.windowsHit()).isEqualTo(1);
  }

  @Test
  void aPerfectDetectorScoresOneHundredInEveryProfile() {
    NabCorpus corpus = NabFixtures.corpus();
    List<double[]> scores = new ArrayList<>();
    for (LabelledSeries s : corpus.series()) {
      double[] row = new double[s.size()];
      s.windows().forEach(w -> row[w.first()] = 1.0);
      scores.add(row);
    }
    Detections perfect = Detections.of(corpus.series(), scores);
    for (CostProfile profile : CostProfile.NAB) {
      assertThat(NabScorer.score(perfect, profile, 0.5).nab()).isCloseTo(100.0, within(1e-12));
      assertThat(ThresholdSweep.optimise(perfect, profile).nab()).isCloseTo(100.0, within(1e-12));
    }
  }

  @Test
  void detectingEveryScorableRowGivesTheDocumentedExtremes() {
    // 300,000 summed penalties: summation order alone moves the total by about 1e-7.
    Detections all = NabFixtures.results("null");
    assertThat(NabScorer.score(all, CostProfile.STANDARD, 0.5).raw())
        .isCloseTo(-31887.8908112164, within(1e-6));
    assertThat(NabScorer.score(all, CostProfile.REWARD_LOW_FP, 0.5).raw())
        .isCloseTo(-63891.7816224328, within(1e-6));
    assertThat(NabScorer.score(all, CostProfile.REWARD_LOW_FN, 0.5).nab())
        .isCloseTo(-9096.5203, within(1e-4));
  }

  @Test
  void theCorpusHasTheDocumentedShape() {
    NabCorpus corpus = NabFixtures.corpus();
    assertThat(corpus.series()).hasSize(58);
    assertThat(corpus.rows()).isEqualTo(365_558);
    assertThat(corpus.windowCount()).isEqualTo(116);
    assertThat(corpus.series().stream().mapToInt(LabelledSeries::probationaryRows).sum())
        .isEqualTo(32_716);
    assertThat(corpus.profiles()).containsExactlyElementsOf(CostProfile.NAB);
  }
}
