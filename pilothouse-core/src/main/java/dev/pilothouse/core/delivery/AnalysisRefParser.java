package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.FieldReader;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code templates} and {@code args} of an analysis reference. */
final class AnalysisRefParser {
  private AnalysisRefParser() {}

  static AnalysisRef parse(JsonNode a, String at, FieldReader f) {
    List<AnalysisRef.TemplateRef> templates = new ArrayList<>();
    JsonNode raw = a.path("templates");
    if (raw.isEmpty()) {
      f.error(at + ".templates", "at least one template is required");
    }
    for (int i = 0; i < raw.size(); i++) {
      String path = at + ".templates[" + i + "]";
      templates.add(
          new AnalysisRef.TemplateRef(
              f.text(raw.get(i).path("templateName"), path + ".templateName", true),
              f.bool(raw.get(i).path("clusterScope"), path + ".clusterScope", false)));
    }
    List<AnalysisRef.Arg> args = new ArrayList<>();
    JsonNode rawArgs = a.path("args");
    for (int i = 0; i < rawArgs.size(); i++) {
      JsonNode arg = rawArgs.get(i);
      String path = at + ".args[" + i + "]";
      args.add(
          new AnalysisRef.Arg(
              f.text(arg.path("name"), path + ".name", true),
              f.text(arg.path("value"), path + ".value", false),
              f.text(
                  arg.path("valueFrom").path("podTemplateHashValue"),
                  path + ".valueFrom.podTemplateHashValue",
                  false)));
    }
    return new AnalysisRef(templates, args);
  }
}
