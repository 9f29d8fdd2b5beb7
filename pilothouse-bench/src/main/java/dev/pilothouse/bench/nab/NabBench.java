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
 * <p>Every detector runs twice, and both scoreboards are printed: under <b>NAB's detector
 * protocol</b> (each detector is created with the file's min and max value and the probationary
 * length as learning time, exactly the inputs NAB's own base detector receives, as the published
 * scoreboard's detectors did) and in <b>strict streaming</b> (no hints at all: running range, fixed
 * sizes). Detectors that use no hints score the same in both. Points per second are reported in
 * wall time and in the thread's CPU time, after one unmeasured warm-up pass.
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
    // One unmeasured pass first, so points/s is the compiled detector's, not the JIT's warm-up.
    DetectorRun.run(corpus.series(), DetectorCatalog.hinted(name), true);
    for (boolean protocol : new boolean[] {true, false}) {
      DetectorRun run = DetectorRun.run(corpus.series(), DetectorCatalog.hinted(name), protocol);
      long start = System.nanoTime();
      List<CorpusScore> scores = sweep(corpus, run.detections());
      double scoring = (System.nanoTime() - start) / 1e9;
      System.out.println(
          protocol
              ? name + ", NAB protocol (file min/max and probation as learning time):"
              : name + ", strict streaming (no hints):");
      System.out.print(Scoreboard.table(name, scores));
      System.out.printf(
          Locale.ROOT,
          "%s: detect %.2f s wall, %,.0f points/s wall, %,.0f points/s of thread CPU time (one"
              + " core); scoring with sweep %.3f s%n%n",
          name,
          run.nanos() / 1e9,
          run.pointsPerSecond(),
          run.pointsPerCpuSecond(),
          scoring);
      if (write != null) {
        String label = protocol ? name : name + "-strict";
        System.out.println("wrote " + ResultWriter.write(write, label, run.detections()));
      }
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
