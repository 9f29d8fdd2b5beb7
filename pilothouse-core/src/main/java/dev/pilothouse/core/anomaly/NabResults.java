package dev.pilothouse.core.anomaly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a detector's output in NAB's result layout: {@code <dir>/<category>/<detector>_<file>.csv}
 * with an {@code anomaly_score} column, one row per data row, aligned by position.
 */
public final class NabResults {
  private NabResults() {}

  /** Reads a result folder whose last path element is the detector name (NAB's convention). */
  public static Detections read(Path dir, List<LabelledSeries> series) {
    return read(dir, dir.getFileName().toString(), series);
  }

  /** Reads the results of {@code detector} for every series of a corpus. */
  public static Detections read(Path dir, String detector, List<LabelledSeries> series) {
    List<double[]> scores = new ArrayList<>(series.size());
    for (LabelledSeries s : series) {
      Path file = dir.resolve(resultPath(detector, s.name()));
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("missing result file " + file);
      }
      scores.add(NabCsv.doubles(NabCsv.columns(file, List.of("anomaly_score"))[0]));
    }
    return Detections.of(series, scores);
  }

  /** {@code category/name.csv} to {@code category/<detector>_name.csv}. */
  public static String resultPath(String detector, String seriesName) {
    int slash = seriesName.lastIndexOf('/');
    return seriesName.substring(0, slash + 1) + detector + "_" + seriesName.substring(slash + 1);
  }
}
