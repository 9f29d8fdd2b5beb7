package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** What each building block is for, on small synthetic series. */
class DetectorBehaviourTest {

  private static double lastScoreAfterNoise(AnomalyDetector d, double spike) {
    Random random = new Random(3);
    for (int i = 0; i < 1000; i++) {
      d.score(i, 10 + random.nextGaussian());
    }
    return d.score(1000, spike);
  }

  @Test
  void theWindowedGaussianScoresAFarOutlierHigherThanAUsualValue() {
    assertThat(lastScoreAfterNoise(new WindowedGaussian(500), 30))
        .isGreaterThan(0.99)
        .isGreaterThan(lastScoreAfterNoise(new WindowedGaussian(500), 10.5));
  }

  @Test
  void theTanhScaleKeepsFarOutliersApartWhereProbabilitiesSaturate() {
    double far = lastScoreAfterNoise(new WindowedGaussian(500, 10), 60);
    double farther = lastScoreAfterNoise(new WindowedGaussian(500, 10), 80);
    assertThat(farther).isGreaterThan(far);
    assertThat(lastScoreAfterNoise(new WindowedGaussian(500), 60)).isEqualTo(1.0);
  }

  @Test
  void theOnsetFilterSilencesRepeatsOfTheSameIncident() {
    OnsetFilter d = new OnsetFilter(new WindowedGaussian(500, 10), 50, 0);
    double first = lastScoreAfterNoise(d, 60);
    double repeat = d.score(1001, 60);
    assertThat(first).isGreaterThan(0.5);
    assertThat(repeat).isZero();
  }

  @Test
  void differencingSeesAJumpThatStaysWithinTheUsualRange() {
    Differencing d = new Differencing(new WindowedGaussian(500, 10));
    for (int i = 0; i < 1000; i++) {
      d.score(i, i % 2 == 0 ? 0 : 0.1); // a small steady zig-zag
    }
    assertThat(d.score(1000, 0.1 + 0.1)).isLessThan(d.score(1001, 5.0));
  }

  @Test
  void theEwmaResidualSeesABreakInASlowDriftThatStaysInRange() {
    EwmaResidual d = new EwmaResidual(new WindowedGaussian(500, 10), 0.5);
    double usual = 0;
    for (int i = 0; i < 1000; i++) {
      usual = d.score(i, Math.sin(i / 50.0)); // smooth wave: small one-step errors
    }
    double jump = d.score(1000, Math.sin(1000 / 50.0) + 0.5); // still inside [-1, 1]
    assertThat(jump).isGreaterThan(0.5).isGreaterThan(usual);
  }

  @Test
  void theEwmaResidualRejectsAWeightOutsideTheUnitInterval() {
    WindowedGaussian inner = new WindowedGaussian(10);
    assertThatThrownBy(() -> new EwmaResidual(inner, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EwmaResidual(inner, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWeightScalesTheInnerScoreClampedToTheUnitIntervalAndMustBeNonNegativeAndFinite() {
    double full = lastScoreAfterNoise(new WindowedGaussian(500, 10), 60);
    double half = lastScoreAfterNoise(new Weighted(new WindowedGaussian(500, 10), 0.5), 60);
    double huge = lastScoreAfterNoise(new Weighted(new WindowedGaussian(500, 10), 1e6), 60);
    assertThat(full).isPositive();
    assertThat(half).isEqualTo(full * 0.5);
    assertThat(huge).isEqualTo(1.0);
    WindowedGaussian inner = new WindowedGaussian(10);
    assertThatThrownBy(() -> new Weighted(inner, -0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Weighted(inner, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEarlyAlarmSumReportsAnExtremeDeviationAtFullValueAndOtherwiseTheWeightedSum() {
    AnomalyDetector model = (t, v) -> v > 0 ? 0.6 : 0; // silent on the raw jump (level not closed)
    AnomalyDetector deviation = (t, v) -> Math.min(1, Math.abs(v) / 100);
    AnomalyDetector early = new EarlyAlarmSum(model, deviation, 0.35, 0.999);
    assertThat(early.score(0, 10)).isCloseTo(0.65 * 0.6 + 0.35 * 0.1, within(1e-12));
    assertThat(early.score(0, -99)).isCloseTo(0.35 * 0.99, within(1e-12)); // below the bar
    assertThat(early.score(0, -100)).isEqualTo(1.0); // extreme: reported at once, unweighted
    assertThat(early.score(0, 100)).isEqualTo(1.0);
    assertThatThrownBy(() -> new EarlyAlarmSum(model, deviation, 1.5, 0.999))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EarlyAlarmSum(model, deviation, 0.35, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EarlyAlarmSum(model, deviation, 0.35, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAlertHoldSilencesTheNextPointsAfterAnAlertEvenWhenALargerScoreFollows() {
    double[] inner = {0.3, 0.5, 0.9, 0.9, 0.2, 0.45, 0.6};
    int[] i = new int[1];
    AnomalyDetector held = new AlertHold((t, v) -> inner[i[0]++], 2, 0.4);
    assertThat(held.score(0, 1)).isEqualTo(0.3); // below the alert level: no hold
    assertThat(held.score(1, 1)).isEqualTo(0.5); // an alert starts a hold of 2 points
    assertThat(held.score(2, 1)).isZero(); // larger, but the same incident
    assertThat(held.score(3, Double.NaN)).isZero(); // a gap does not advance the hold
    assertThat(held.score(4, 1)).isZero();
    assertThat(held.score(5, 1)).isEqualTo(0.45); // the hold is over
    assertThat(held.score(6, 1)).isZero(); // 0.45 started a new one
  }

  @Test
  void anAlertHoldOfZeroPointsHoldsNothingAndBadParametersAreRejected() {
    AnomalyDetector inner = (t, v) -> 0.5;
    AnomalyDetector noHold = new AlertHold(inner, 0, 0.4);
    assertThat(noHold.score(0, 1)).isEqualTo(0.5);
    assertThat(noHold.score(1, 1)).isEqualTo(0.5);
    assertThatThrownBy(() -> new AlertHold(inner, -1, 0.4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holdPoints");
    assertThatThrownBy(() -> new AlertHold(inner, 30, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alertLevel");
    assertThatThrownBy(() -> new AlertHold(inner, 30, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertHold(inner, 30, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Alerts (0.8) only at the values 0 and 100; a series that sits at 50 otherwise. */
  private static AlertMemory memory(SeriesHints hints, int capacity) {
    AnomalyDetector inner = (t, v) -> v == 50 ? 0 : 0.8;
    return new AlertMemory(inner, hints, 0.01, 0.7, 0.5, capacity, 10);
  }

  @Test
  void anAlertMemoryDampsAnAlertAtTheLevelOfAnEarlierOneOnTheSameSideOnly() {
    AlertMemory m = memory(new SeriesHints(0, 100, 0), 8);
    m.score(0, 50);
    assertThat(m.score(1, 0)).isEqualTo(0.8); // first drop to 0: reported in full
    m.score(2, 50);
    assertThat(m.score(3, 0.5)).isCloseTo(0.56, within(1e-12)); // the same drop again: damped
    assertThat(m.score(4, 100)).isEqualTo(0.8); // a new level
    assertThat(m.score(5, 99.5)).isCloseTo(0.56, within(1e-12));
    assertThat(m.score(6, Double.NaN)).isZero(); // a gap scores 0
    assertThat(m.score(7, 3)).isEqualTo(0.8); // 3% of the range away: not the same level
  }

  @Test
  void anAlertMemoryForgetsBeyondItsCapacityAndUsesTheRangeSeenWithoutHints() {
    AlertMemory m = memory(SeriesHints.NONE, 1);
    m.score(0, 50);
    m.score(1, 100); // range [50, 100]: level 1
    assertThat(m.score(2, 100)).isCloseTo(0.56, within(1e-12));
    assertThat(m.score(3, 0)).isEqualTo(0.8); // the range widens; 0 is a new level
    m.score(4, 50);
    assertThat(m.score(5, 100)).isEqualTo(0.8); // only the last alert (0) is remembered
  }

  @Test
  void anAlertMemoryRejectsParametersOutsideTheirRanges() {
    AnomalyDetector inner = (t, v) -> 0.5;
    SeriesHints h = SeriesHints.NONE;
    assertThatThrownBy(() -> new AlertMemory(inner, h, -0.1, 0.7, 0.5, 8, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> new AlertMemory(inner, h, 0.01, Double.NaN, 0.5, 8, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("damping");
    assertThatThrownBy(() -> new AlertMemory(inner, h, 0.01, 0.7, 0, 8, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alertLevel");
    assertThatThrownBy(() -> new AlertMemory(inner, h, 0.01, 0.7, 0.5, 0, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
    assertThatThrownBy(() -> new AlertMemory(inner, h, 0.01, 0.7, 0.5, 8, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLearningFallbackCoversOnlyTheLearningPeriodAndStopsFeedingTheFallbackAfterIt() {
    int[] fed = new int[1];
    AnomalyDetector fallback =
        (t, v) -> {
          fed[0]++;
          return 0.9;
        };
    AnomalyDetector covered = new LearningFallback((t, v) -> 0.2, fallback, 3);
    assertThat(covered.score(0, 1)).isEqualTo(0.9);
    assertThat(covered.score(1, Double.NaN)).isEqualTo(0.9); // a gap is not learning time
    assertThat(covered.score(2, 1)).isEqualTo(0.9);
    assertThat(covered.score(3, 1)).isEqualTo(0.9);
    assertThat(covered.score(4, 1)).isEqualTo(0.2);
    assertThat(covered.score(5, 1)).isEqualTo(0.2);
    assertThat(fed[0]).isEqualTo(4);
    assertThat(new LearningFallback((t, v) -> 0.2, fallback, 0).score(0, 1)).isEqualTo(0.2);
    assertThatThrownBy(() -> new LearningFallback(fallback, fallback, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saturatingRescalesLowScoresNearlyLinearlyAndKeepsTheOrderOfLargeOnes() {
    AnomalyDetector fixed = new Saturating((t, v) -> v, 2.2);
    assertThat(fixed.score(0, 0.0)).isZero();
    assertThat(fixed.score(0, 0.25)).isCloseTo(0.5, within(0.01));
    double big = fixed.score(0, 0.8);
    double bigger = fixed.score(0, 0.9);
    assertThat(big).isLessThan(bigger);
    assertThat(bigger).isLessThan(1.0);
    AnomalyDetector inner = (t, v) -> v;
    assertThatThrownBy(() -> new Saturating(inner, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Saturating(inner, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theResidualOnsetDetectorAlertsOnceAtALevelShiftAndNotOnNoise() {
    AnomalyDetector d = DetectorCatalog.create("residual-onset");
    Random random = new Random(5);
    double noiseMax = 0;
    for (int i = 0; i < 3000; i++) {
      double s = d.score(i, 10 + random.nextGaussian());
      if (i >= 500) {
        noiseMax = Math.max(noiseMax, s);
      }
    }
    double shift = d.score(3000, 30);
    double stillShifted = d.score(3001, 30 + random.nextGaussian());
    assertThat(shift).isGreaterThan(noiseMax).isGreaterThan(0.5);
    assertThat(stillShifted).isZero();
  }

  @Test
  void theSeasonalResidualFindsADailyPeakAtTheWrongHourButNotAtItsUsualHour() {
    SeasonalResidual d = new SeasonalResidual(new WindowedGaussian(2000, 10), 24, 0.1);
    Random random = new Random(7);
    long step = 300; // five-minute data
    long t = 0;
    for (; t < 14 * 86_400; t += step) { // two weeks: a peak of 50 every day from 12:00 to 13:00
      d.score(t, dailyPeak(t) + random.nextGaussian());
    }
    long noon = t + 12 * 3600;
    for (; t < noon; t += step) {
      d.score(t, dailyPeak(t) + random.nextGaussian());
    }
    double usualPeak = d.score(noon, 50);
    double peakAtMidnight = d.score(noon + 12 * 3600, 50);
    assertThat(peakAtMidnight).isGreaterThan(0.5).isGreaterThan(usualPeak * 3);
  }

  private static double dailyPeak(long t) {
    long hour = Math.floorMod(t, 86_400) / 3600;
    return hour == 12 ? 50 : 10;
  }

  @Test
  void theSeasonalResidualRejectsNoSlotsOrABadWeight() {
    WindowedGaussian inner = new WindowedGaussian(10);
    assertThatThrownBy(() -> new SeasonalResidual(inner, 0, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SeasonalResidual(inner, 24, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRangeBreakScoresOnlyBeyondTheToleranceAroundTheRangeSeenSoFar() {
    RangeBreak d = new RangeBreak(0.05, 100, 0.7);
    for (int i = 0; i < 200; i++) {
      assertThat(d.score(i, i % 11)).isZero(); // range [0, 10], learnt
    }
    assertThat(d.score(200, 10.4)).isZero(); // within 5% of the range
    assertThat(d.score(201, 11)).isEqualTo(0.7);
    assertThat(d.score(202, -0.6)).isEqualTo(0.7);
  }

  @Test
  void aRangeBreakDoesNotScoreWhileLearning() {
    RangeBreak d = new RangeBreak(0.05, 100, 0.7);
    d.score(0, 0);
    d.score(1, 1);
    assertThat(d.score(2, 1000)).isZero();
  }

  @Test
  void theSeasonalRangeOnsetDetectorAlertsOnceWhenAFlatSeriesLeavesItsRange() {
    AnomalyDetector d = DetectorCatalog.create("seasonal-range-onset");
    Random random = new Random(9);
    double noiseMax = 0;
    for (int i = 0; i < 3000; i++) {
      double s = d.score(i * 300L, 10 + random.nextGaussian());
      if (i >= 500) {
        noiseMax = Math.max(noiseMax, s);
      }
    }
    double shift = d.score(3000 * 300L, 30);
    double stillShifted = d.score(3001 * 300L, 30 + random.nextGaussian());
    assertThat(shift).isGreaterThan(noiseMax).isGreaterThan(0.5);
    assertThat(stillShifted).isZero();
  }

  @Test
  void theAlarmBudgetDampsASeriesThatAlertsOftenButNeverAFirstAlert() {
    AnomalyDetector pager = (t, v) -> v; // the inner score is the value itself
    AlarmBudget d = new AlarmBudget(pager, 3000, 0.4, 0.1);
    assertThat(d.score(0, 0.8)).isEqualTo(0.8); // first alert: full score
    for (int i = 1; i <= 20; i++) {
      d.score(i, 0.8); // twenty more alerts in quick succession
    }
    assertThat(d.score(21, 0.8)).isLessThan(0.8 / 2.5);
    for (int i = 22; i < 40_000; i++) {
      d.score(i, 0.0); // a long quiet spell: the budget recovers
    }
    assertThat(d.score(40_000, 0.8)).isCloseTo(0.8, within(1e-3));
  }

  @Test
  void contextNoveltyScoresAnUnseenTransitionAboveAHabitualOne() {
    ContextNovelty d = new ContextNovelty(10, 2);
    d.score(0, 0);
    d.score(1, 9);
    double habitual = 0;
    for (int i = 2; i < 300; i++) {
      habitual = d.score(i, i % 3 == 0 ? 0 : 9);
    }
    assertThat(d.score(300, 5)).isEqualTo(1.0).isGreaterThan(habitual);
  }

  @Test
  void theSlidingMaximumForgetsValuesThatLeaveTheWindow() {
    SlidingMax max = new SlidingMax(3);
    max.add(5);
    max.add(1);
    max.add(2);
    assertThat(max.max()).isEqualTo(5);
    max.add(0);
    assertThat(max.max()).isEqualTo(2);
  }

  @Test
  void rollingStatisticsMatchTheLastValuesOnly() {
    RollingStats stats = new RollingStats(3);
    for (double v : new double[] {1e9, 1e9 + 1, 1e9 + 2, 1e9 + 3}) {
      stats.add(v);
    }
    assertThat(stats.mean()).isEqualTo(1e9 + 2);
    assertThat(stats.variance()).isEqualTo(1.0);
  }
}
