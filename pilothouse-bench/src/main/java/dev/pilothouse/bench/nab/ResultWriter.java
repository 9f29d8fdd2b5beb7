package dev.pilothouse.bench.nab;

import dev.pilothouse.core.anomaly.Detections;
import dev.pilothouse.core.anomaly.LabelledSeries;
import dev.pilothouse.core.anomaly.NabResults;
import dev.pilothouse.core.anomaly.NabTimestamp;
import dev.pilothouse.core.anomaly.RowWindow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes detections in NAB's result layout ({@code <dir>/<detector>/<category>/<detector>_<file>})
 * with the columns NAB's runner writes before scoring: timestamp, value, anomaly_score, label.
 */
final class ResultWriter {
  private ResultWriter() {}

  static Path write(Path dir, String detector, Detections detections) throws IOException {
    Path root = dir.resolve(detector);
    for (int i = 0; i < detections.series().size(); i++) {
      LabelledSeries s = detections.series().get(i);
      Path file = root.resolve(NabResults.resultPath(detector, s.name()));
      Files.createDirectories(file.getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file)) {
        writeRows(out, s, detections.scores().get(i));
      }
    }
    return root;
  }

  private static void writeRows(BufferedWriter out, LabelledSeries s, double[] scores)
      throws IOException {
    out.write("timestamp,value,anomaly_score,label\n");
    for (int row = 0; row < s.size(); row++) {
      out.write(NabTimestamp.format(s.epochSeconds()[row]));
      out.write("," + s.values()[row] + "," + scores[row] + "," + label(s, row) + "\n");
    }
  }

  private static int label(LabelledSeries s, int row) {
    for (RowWindow w : s.windows()) {
      if (row >= w.first() && row <= w.last()) {
        return 1;
      }
    }
    return 0;
  }
}
