package dev.pilothouse.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.anomaly.AnomalyDetector;
import dev.pilothouse.core.anomaly.CostProfile;
import dev.pilothouse.core.anomaly.Detections;
import dev.pilothouse.core.anomaly.LabelledSeries;
import dev.pilothouse.core.anomaly.NabResults;
import dev.pilothouse.core.anomaly.RowWindow;
import dev.pilothouse.core.anomaly.SeriesHints;
import dev.pilothouse.core.anomaly.ThresholdSweep;
import dev.pilothouse.core.anomaly.WindowedGaussian;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NabBenchTest {
  private static LabelledSeries series() {
    int n = 2000;
    long[] ts = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_400_000_000L + 300L * i;
      v[i] = Math.sin(i / 10.0) + (i == 1500 ? 25 : 0);
    }
    return new LabelledSeries("cat/s.csv", ts, v, List.of(new RowWindow(1450, 1550)));
  }

  @Test
  void writtenResultCsvsReadBackToTheSameScores() throws Exception {
    List<LabelledSeries> corpus = List.of(series());
    DetectorRun run = DetectorRun.run(corpus, h -> new WindowedGaussian(500), true);
    Path dir = Files.createTempDirectory("nab-results");

    Path written = ResultWriter.write(dir, "gauss", run.detections());
    Detections back = NabResults.read(written, corpus);

    assertThat(back.scores().get(0)).containsExactly(run.detections().scores().get(0));
    assertThat(Files.readAllLines(written.resolve("cat/gauss_s.csv")).get(1))
        .startsWith("2014-05-13 16:53:20,");
  }

  @Test
  void aDetectorThatCatchesTheOnlySpikeScoresWellAndTheTableShowsIt() {
    DetectorRun run = DetectorRun.run(List.of(series()), h -> new WindowedGaussian(500), false);
    var score = ThresholdSweep.optimise(run.detections(), CostProfile.STANDARD);

    assertThat(score.total().windowsHit()).isEqualTo(1);
    assertThat(score.nab()).isGreaterThan(50);
    assertThat(Scoreboard.table("gauss", List.of(score))).contains("| gauss ", "1 / 1");
    assertThat(run.points()).isEqualTo(2000);
  }

  @Test
  void underTheProtocolEachDetectorIsGivenItsFilesRangeAndProbationAndStrictlyNothing() {
    List<SeriesHints> seen = new ArrayList<>();
    Function<SeriesHints, AnomalyDetector> recording =
        h -> {
          seen.add(h);
          return new WindowedGaussian(500);
        };

    DetectorRun.run(List.of(series()), recording, true);
    DetectorRun.run(List.of(series()), recording, false);

    double[] v = series().values();
    assertThat(seen.get(0))
        .isEqualTo(
            new SeriesHints(
                Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow(), 300));
    assertThat(seen.get(1)).isEqualTo(SeriesHints.NONE);
  }

  @Test
  void argumentsDefaultToTheSharedCorpusAndEveryDetector() {
    assertThat(BenchArgs.parse(new String[0]))
        .isEqualTo(new BenchArgs(Path.of("../shared/datasets/nab"), "all", null));
    assertThat(BenchArgs.parse(new String[] {"c", "gaussian-onset", "--write", "out"}))
        .isEqualTo(new BenchArgs(Path.of("c"), "gaussian-onset", Path.of("out")));
  }
}
