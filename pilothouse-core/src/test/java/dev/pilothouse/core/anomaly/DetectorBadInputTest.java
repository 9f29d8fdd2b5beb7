package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogued detector survives hostile input and keeps its scores in [0, 1]. */
class DetectorBadInputTest {

  static Iterable<String> detectors() {
    return DetectorCatalog.names();
  }

  /** Hints that are wrong or useless in every way a caller could get them wrong. */
  static Stream<Arguments> detectorsWithWrongHints() {
    List<SeriesHints> wrong =
        List.of(
            new SeriesHints(10, -10, 450), // min > max
            new SeriesHints(3, 3, 450), // empty range
            new SeriesHints(-0.5, 0.5, 450), // values run far outside it
            new SeriesHints(-1, 1, 0), // no learning
            new SeriesHints(Double.NaN, Double.POSITIVE_INFINITY, 450),
            new SeriesHints(-Double.MAX_VALUE, Double.MAX_VALUE, 5),
            new SeriesHints(-1, 1, Integer.MAX_VALUE),
            new SeriesHints(-1, 1, -7));
    return DetectorCatalog.names().stream()
        .flatMap(name -> wrong.stream().map(h -> Arguments.of(name, h)));
  }

  @ParameterizedTest
  @MethodSource("detectorsWithWrongHints")
  void wrongHintsNeitherCrashNorLeaveTheUnitInterval(String name, SeriesHints hints) {
    double[] v = new double[3000];
    Random random = new Random(11);
    for (int i = 0; i < v.length; i++) {
      v[i] = 40 * Math.sin(i / 30.0) + random.nextGaussian() + (i == 2000 ? 1e6 : 0);
    }
    v[1200] = Double.NaN;
    long[] ts = steps(v.length);
    ts[700] = ts[699];
    ts[701] = 0;
    assertScoresInRange(() -> DetectorCatalog.create(name, hints), ts, v);
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void aConstantSeriesWithItsOwnHintsScoresLow(String name) {
    AnomalyDetector d = DetectorCatalog.create(name, new SeriesHints(42, 42, 300));
    for (int i = 0; i < 2000; i++) {
      assertThat(d.score(i, 42.0)).isBetween(0.0, 0.05);
    }
  }

  private static void assertScoresInRange(Supplier<AnomalyDetector> f, long[] ts, double[] v) {
    AnomalyDetector d = f.get();
    for (int i = 0; i < v.length; i++) {
      assertThat(d.score(ts[i], v[i])).as("row %d", i).isBetween(0.0, 1.0);
    }
  }

  private static long[] steps(int n) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 300L * i;
    }
    return ts;
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void anEmptySeriesNeedsNoScoresAndAFreshDetectorIsIndependent(String name) {
    AnomalyDetector first = DetectorCatalog.create(name);
    AnomalyDetector second = DetectorCatalog.create(name);
    first.score(0, 1e9);
    assertThat(second).isNotSameAs(first);
    assertThat(second.score(0, 1.0)).isBetween(0.0, 1.0);
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void nanAndInfiniteValuesNeitherCrashNorLeaveTheUnitInterval(String name) {
    double[] v = new double[3000];
    Random random = new Random(7);
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextGaussian();
    }
    v[10] = Double.NaN;
    v[1500] = Double.POSITIVE_INFINITY;
    v[1501] = Double.NEGATIVE_INFINITY;
    v[2000] = Double.NaN;
    assertScoresInRange(DetectorCatalog.factory(name), steps(v.length), v);
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void duplicateAndBackwardsTimestampsAreTolerated(String name) {
    long[] ts = steps(2000);
    ts[500] = ts[499];
    ts[900] = ts[100];
    ts[901] = -1;
    double[] v = new double[ts.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i / 20.0);
    }
    assertScoresInRange(DetectorCatalog.factory(name), ts, v);
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void aConstantSeriesScoresLowAndAHugeStepAfterItStaysInRange(String name) {
    AnomalyDetector d = DetectorCatalog.create(name);
    for (int i = 0; i < 2000; i++) {
      // The likelihood stage reports a tail probability of one half as about 0.03.
      assertThat(d.score(i, 42.0)).isBetween(0.0, 0.05);
    }
    for (int i = 2000; i < 2100; i++) {
      assertThat(d.score(i, i == 2000 ? 1e300 : 42.0)).isBetween(0.0, 1.0);
    }
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void extremeMagnitudesStayInRange(String name) {
    double[] v = new double[2000];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 2 == 0 ? 1 : -1) * Double.MAX_VALUE / (1 + i % 7);
    }
    assertScoresInRange(DetectorCatalog.factory(name), steps(v.length), v);
  }
}
