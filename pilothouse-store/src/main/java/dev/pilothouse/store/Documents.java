package dev.pilothouse.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import java.util.List;

/**
 * Conversion between resources and jsonb text. jsonb does not keep key order, so documents read
 * back get the conventional order (apiVersion, kind, metadata, spec, status, then the rest) that
 * people expect when reading YAML.
 */
final class Documents {
  private static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "spec");
  private static final List<String> METADATA =
      List.of("name", "generateName", "namespace", "uid", "resourceVersion", "generation");

  private Documents() {}

  static String write(Resource resource) {
    return Json.write(resource.json());
  }

  static String labels(Resource resource) {
    return Json.write(resource.labels());
  }

  static Resource read(String text) {
    ObjectNode doc = (ObjectNode) Json.parse(text);
    ObjectNode ordered = ordered(doc, TOP);
    if (ordered.get("metadata") instanceof ObjectNode metadata) {
      ordered.set("metadata", ordered(metadata, METADATA));
    }
    return Resource.of(ordered);
  }

  private static ObjectNode ordered(ObjectNode source, List<String> first) {
    ObjectNode result = Json.object();
    for (String field : first) {
      JsonNode value = source.get(field);
      if (value != null) {
        result.set(field, value);
      }
    }
    source
        .properties()
        .forEach(e -> {
          if (!result.has(e.getKey()) && !"status".equals(e.getKey())) {
            result.set(e.getKey(), e.getValue());
          }
        });
    if (source.has("status")) {
      result.set("status", source.get("status"));
    }
    return result;
  }
}
