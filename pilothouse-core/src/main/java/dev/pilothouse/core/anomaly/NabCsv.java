package dev.pilothouse.core.anomaly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Minimal reader for NAB's comma-separated files (no quoting occurs in them). */
final class NabCsv {
  private NabCsv() {}

  /**
   * Reads the named columns of a CSV with a header row.
   *
   * @return one array of raw cell strings per requested column, in request order
   */
  static String[][] columns(Path file, List<String> names) {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String header = in.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + ": empty file, expected a header row");
      }
      int[] at = indexes(file, Arrays.asList(header.split(",", -1)), names);
      return read(in, at);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static int[] indexes(Path file, List<String> header, List<String> names) {
    int[] at = new int[names.size()];
    for (int c = 0; c < at.length; c++) {
      at[c] = header.indexOf(names.get(c));
      if (at[c] < 0) {
        throw new IllegalArgumentException(file + ": no column '" + names.get(c) + "'");
      }
    }
    return at;
  }

  private static String[][] read(BufferedReader in, int[] at) throws IOException {
    List<String[]> rows = new java.util.ArrayList<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.isEmpty()) {
        rows.add(line.split(",", -1));
      }
    }
    String[][] out = new String[at.length][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < at.length; c++) {
        out[c][r] = rows.get(r)[at[c]];
      }
    }
    return out;
  }

  /** Parses decimal cells; NAB writes no NaNs but our own results may ("nan", "NaN"). */
  static double[] doubles(String[] cells) {
    double[] out = new double[cells.length];
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i].trim();
      out[i] = c.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(c);
    }
    return out;
  }
}
