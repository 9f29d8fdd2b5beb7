package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Reads flagd metadata objects (set and flag level): string, number or boolean values only. */
final class Metadata {
  private Metadata() {}

  /**
   * @param field the field name problems are reported under
   * @param errors receives (field, message) per problem
   */
  static Map<String, Object> read(JsonNode node, String field, BiConsumer<String, String> errors) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return metadata;
    }
    if (!node.isObject()) {
      errors.accept(field, "must be an object");
      return metadata;
    }
    for (var e : node.properties()) {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        metadata.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
      } else {
        errors.accept(field + "." + e.getKey(), "must be a string, number or boolean");
      }
    }
    return metadata;
  }
}
