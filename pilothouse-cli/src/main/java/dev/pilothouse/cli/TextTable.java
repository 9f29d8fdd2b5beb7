package dev.pilothouse.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A kubectl-style table: upper-case headers, columns left-aligned and three spaces apart. */
final class TextTable {
  private static final int GAP = 3;

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  static TextTable of(String... headers) {
    return new TextTable(List.of(headers));
  }

  TextTable row(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  TextTable row(String... cells) {
    return row(List.of(cells));
  }

  void print(PrintWriter out) {
    int[] widths = widths();
    out.println(line(headers, widths));
    rows.forEach(row -> out.println(line(row, widths)));
    out.flush();
  }

  private int[] widths() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    return widths;
  }

  /** Pads each cell but the last to its column's width plus the gap. */
  static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(Math.max(1, widths[i] + GAP - cell.length())));
      }
    }
    return line.toString();
  }
}
