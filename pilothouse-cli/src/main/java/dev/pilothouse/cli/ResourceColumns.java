package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.resource.Ages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The table columns of resources: NAMESPACE (across namespaces), NAME, then cheap kind-aware
 * columns that appear when any object has the field (REPLICAS from {@code spec.replicas}, STATUS
 * from {@code status.phase}), then AGE.
 */
final class ResourceColumns {
  private record Column(String header, Function<JsonNode, String> value) {}

  private final List<Column> columns;

  private ResourceColumns(List<Column> columns) {
    this.columns = columns;
  }

  static ResourceColumns forObjects(List<JsonNode> objects, boolean withNamespace, Clock clock) {
    List<Column> columns = new ArrayList<>();
    if (withNamespace) {
      columns.add(new Column("NAMESPACE", o -> o.path("metadata").path("namespace").asText("")));
    }
    columns.add(new Column("NAME", o -> o.path("metadata").path("name").asText("")));
    if (objects.stream().anyMatch(o -> o.path("spec").has("replicas"))) {
      columns.add(new Column("REPLICAS", o -> o.path("spec").path("replicas").asText("")));
    }
    if (objects.stream().anyMatch(o -> o.path("status").has("phase"))) {
      columns.add(new Column("STATUS", o -> o.path("status").path("phase").asText("")));
    }
    columns.add(new Column("AGE", o -> age(o, clock)));
    return new ResourceColumns(columns);
  }

  private static String age(JsonNode object, Clock clock) {
    return Ages.since(object.path("metadata").path("creationTimestamp").asText(""), clock.instant())
        .orElse("<unknown>");
  }

  List<String> headers() {
    return columns.stream().map(Column::header).toList();
  }

  List<String> cells(JsonNode object) {
    return columns.stream().map(c -> c.value().apply(object)).toList();
  }

  /** A table of the objects. */
  static TextTable table(List<JsonNode> objects, boolean withNamespace, Clock clock) {
    ResourceColumns columns = forObjects(objects, withNamespace, clock);
    TextTable table = new TextTable(columns.headers());
    objects.forEach(o -> table.row(columns.cells(o)));
    return table;
  }
}
