package dev.pilothouse.bench.nab;

import dev.pilothouse.core.anomaly.CorpusScore;
import dev.pilothouse.core.anomaly.CostProfile;
import dev.pilothouse.core.anomaly.Detections;
import dev.pilothouse.core.anomaly.DetectorCatalog;
import dev.pilothouse.core.anomaly.NabCorpus;
import dev.pilothouse.core.anomaly.NabResults;
import dev.pilothouse.core.anomaly.ThresholdSweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores anomaly detectors on a corpus in NAB's layout and prints a scoreboard.
 *
 * <p>Usage: {@code NabBench [corpus-dir] [detector|all|results:<dir>] [--write <dir>]}. The corpus
 * defaults to {@code ../shared/datasets/nab} (relative to the repository root), the detector to
 * {@code all}. {@code results:<dir>} scores an existing NAB result folder instead of running a
 * detector; {@code --write} stores our detectors' output as NAB result CSVs.
 */
public final class NabBench {
  private NabBench() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args);
    long load = System.nanoTime();
    NabCorpus corpus = NabCorpus.load(a.corpus());
    System.out.printf(
        Locale.ROOT,
        "corpus %s: %d series, %d rows, %d windows (loaded in %.2f s)%n%n",
        a.corpus(),
        corpus.series().size(),
        corpus.rows(),
        corpus.windowCount(),
        (System.nanoTime() - load) / 1e9);
    if (a.target().startsWith("results:")) {
      Path dir = Path.of(a.target().substring("results:".length()));
      Detections d = NabResults.read(dir, corpus.series());
      System.out.print(Scoreboard.table(dir.getFileName().toString(), sweep(corpus, d)));
      return;
    }
    for (String name : a.target().equals("all") ? DetectorCatalog.names() : List.of(a.target())) {
      runOne(corpus, name, a.write());
    }
  }

  private static void runOne(NabCorpus corpus, String name, Path write) throws Exception {
    DetectorRun run = DetectorRun.run(corpus.series(), DetectorCatalog.factory(name));
    long start = System.nanoTime();
    List<CorpusScore> scores = sweep(corpus, run.detections());
    double scoring = (System.nanoTime() - start) / 1e9;
    System.out.print(Scoreboard.table(name, scores));
    System.out.printf(
        Locale.ROOT,
        "%s: detect %.2f s wall, %,.0f points/s on one core; scoring with sweep %.3f s%n%n",
        name,
        run.nanos() / 1e9,
        run.pointsPerSecond(),
        scoring);
    if (write != null) {
      System.out.println("wrote " + ResultWriter.write(write, name, run.detections()));
    }
  }

  static List<CorpusScore> sweep(NabCorpus corpus, Detections detections) {
    List<CorpusScore> out = new ArrayList<>();
    for (CostProfile profile : corpus.profiles()) {
      out.add(ThresholdSweep.optimise(detections, profile));
    }
    return out;
  }
}
