package dev.pilothouse.bench.nab;

import dev.pilothouse.core.anomaly.AnomalyDetector;
import dev.pilothouse.core.anomaly.Detections;
import dev.pilothouse.core.anomaly.LabelledSeries;
import dev.pilothouse.core.anomaly.SeriesHints;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One streaming pass of a detector over a corpus: a fresh detector per series, points fed in file
 * order, one score out per point.
 *
 * @param detections the scores, ready for scoring
 * @param nanos wall time spent inside the detectors
 * @param cpuNanos CPU time of this thread spent inside the detectors (meaningful on a shared
 *     machine, where wall time includes waiting for a core); 0 if the JVM cannot measure it
 * @param points number of points scored
 */
record DetectorRun(Detections detections, long nanos, long cpuNanos, long points) {

  /**
   * Runs the detector over every series.
   *
   * @param protocol whether each detector gets NAB's protocol inputs ({@link
   *     LabelledSeries#protocolHints()}) or none (strict streaming)
   */
  static DetectorRun run(
      List<LabelledSeries> series,
      Function<SeriesHints, AnomalyDetector> factory,
      boolean protocol) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    List<double[]> scores = new ArrayList<>(series.size());
    long points = 0;
    long start = System.nanoTime();
    long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
    for (LabelledSeries s : series) {
      AnomalyDetector detector = factory.apply(protocol ? s.protocolHints() : SeriesHints.NONE);
      double[] out = new double[s.size()];
      long[] ts = s.epochSeconds();
      double[] values = s.values();
      for (int i = 0; i < out.length; i++) {
        out[i] = detector.score(ts[i], values[i]);
      }
      scores.add(out);
      points += out.length;
    }
    long nanos = System.nanoTime() - start;
    long cpuNanos = cpu ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
    return new DetectorRun(Detections.of(series, scores), nanos, cpuNanos, points);
  }

  /** Points per second of wall time. */
  double pointsPerSecond() {
    return nanos == 0 ? 0 : points * 1e9 / nanos;
  }

  /** Points per second of this thread's CPU time (0 when unmeasured). */
  double pointsPerCpuSecond() {
    return cpuNanos == 0 ? 0 : points * 1e9 / cpuNanos;
  }
}
