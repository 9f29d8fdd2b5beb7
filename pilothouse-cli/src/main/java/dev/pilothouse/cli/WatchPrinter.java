package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints watch events as they arrive, flushing each one: a table row with an EVENT column, or one
 * JSON/YAML document or name per event. Table column widths are fixed by the first event, since
 * later rows cannot move earlier ones.
 */
final class WatchPrinter implements Consumer<JsonNode> {
  private static final int MIN_WIDTH = 8;

  private final Output output;
  private final ApiKind kind;
  private final boolean withNamespace;
  private final Session session;
  private ResourceColumns columns;
  private int[] widths;

  WatchPrinter(Output output, ApiKind kind, boolean withNamespace, Session session) {
    this.output = output;
    this.kind = kind;
    this.withNamespace = withNamespace;
    this.session = session;
  }

  /** This printer restricted to events about the object {@code name} (all when null). */
  Consumer<JsonNode> filtered(String name) {
    if (name == null) {
      return this;
    }
    return event -> {
      if (name.equals(event.path("object").path("metadata").path("name").asText())) {
        accept(event);
      }
    };
  }

  @Override
  public void accept(JsonNode event) {
    PrintWriter out = session.out();
    JsonNode object = event.path("object");
    switch (output) {
      case json -> out.println(Output.prettyJson(event));
      case yaml -> out.println("---\n" + Output.yaml(event));
      case name -> out.println(event.path("type").asText() + " " + Output.name(kind, object));
      case table -> printRow(out, event.path("type").asText(), object);
    }
    out.flush();
  }

  private void printRow(PrintWriter out, String type, JsonNode object) {
    if (columns == null) {
      columns = ResourceColumns.forObjects(List.of(object), withNamespace, session.clock());
      List<String> headers = prepend("EVENT", columns.headers());
      widths = widths(headers, prepend(type, cells(object)));
      out.println(TextTable.line(headers, widths));
    }
    out.println(TextTable.line(prepend(type, cells(object)), widths));
  }

  private List<String> cells(JsonNode object) {
    return columns.cells(object);
  }

  private static int[] widths(List<String> headers, List<String> first) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(MIN_WIDTH, Math.max(headers.get(i).length(), first.get(i).length()));
    }
    return widths;
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
