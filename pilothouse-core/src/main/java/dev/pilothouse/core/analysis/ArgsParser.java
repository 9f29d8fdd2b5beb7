package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.FieldReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads an {@code args} list: {@code [{name, value}]} or {@code [{name, valueFrom}]}. */
final class ArgsParser {
  private ArgsParser() {}

  static List<AnalysisArg> parse(FieldReader f, JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      f.error(path, "must be a list of {name, value}");
      return List.of();
    }
    List<AnalysisArg> args = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode arg = node.get(i);
      String at = path + "[" + i + "]";
      String name = f.text(arg.path("name"), at + ".name", true);
      if (!name.isEmpty() && !names.add(name)) {
        f.error(at + ".name", "duplicate argument '" + name + "'");
      }
      JsonNode value = arg.path("value");
      String literal = value.isMissingNode() || value.isNull() ? null : value.asText();
      JsonNode valueFrom = arg.hasNonNull("valueFrom") ? arg.get("valueFrom") : null;
      args.add(new AnalysisArg(name, literal, valueFrom));
    }
    return args;
  }
}
