package dev.pilothouse.bench.nab;

import dev.pilothouse.core.anomaly.AnomalyDetector;
import dev.pilothouse.core.anomaly.Detections;
import dev.pilothouse.core.anomaly.LabelledSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One streaming pass of a detector over a corpus: a fresh detector per series, points fed in file
 * order, one score out per point.
 *
 * @param detections the scores, ready for scoring
 * @param nanos wall time spent inside the detectors
 * @param points number of points scored
 */
record DetectorRun(Detections detections, long nanos, long points) {

  static DetectorRun run(List<LabelledSeries> series, Supplier<AnomalyDetector> factory) {
    List<double[]> scores = new ArrayList<>(series.size());
    long points = 0;
    long start = System.nanoTime();
    for (LabelledSeries s : series) {
      AnomalyDetector detector = factory.get();
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
    return new DetectorRun(Detections.of(series, scores), nanos, points);
  }

  double pointsPerSecond() {
    return nanos == 0 ? 0 : points * 1e9 / nanos;
  }
}
