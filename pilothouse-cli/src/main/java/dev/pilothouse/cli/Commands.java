package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Small helpers shared by the administrative commands. */
final class Commands {
  private Commands() {}

  /** Thrown by a command group run without a subcommand. */
  static ParameterException missingSubcommand(CommandSpec spec) {
    return new ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** A path segment, encoded so that user-chosen names cannot change the URL's structure. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Prints the {@code items} of a response as a table.
   *
   * @param columns pairs of header and field name, e.g. {@code "NAME", "name"}
   */
  static void printItems(PrintWriter out, JsonNode response, String... columns) {
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < columns.length; i += 2) {
      headers.add(columns[i]);
    }
    TextTable table = new TextTable(headers);
    for (JsonNode item : response.path("items")) {
      List<String> cells = new ArrayList<>();
      for (int i = 1; i < columns.length; i += 2) {
        cells.add(cell(item.path(columns[i])));
      }
      table.row(cells);
    }
    table.print(out);
  }

  /** Scalars as text; objects such as a members map as {@code k=v,k2=v2}. */
  static String cell(JsonNode value) {
    if (value.isObject()) {
      List<String> parts = new ArrayList<>();
      value.properties().forEach(e -> parts.add(e.getKey() + "=" + cell(e.getValue())));
      return String.join(",", parts);
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(cell(v)));
      return String.join(",", parts);
    }
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }
}
