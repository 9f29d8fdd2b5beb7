package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;

/** JSON merge patch (RFC 7386): objects merge recursively, null deletes, anything else replaces. */
public final class MergePatch {
  private MergePatch() {}

  /** Returns {@code target} with {@code patch} applied; neither argument is modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? target.deepCopy() : Json.object();
    patch
        .properties()
        .forEach(e -> {
          if (e.getValue().isNull()) {
            result.remove(e.getKey());
          } else {
            result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
          }
        });
    return result;
  }
}
