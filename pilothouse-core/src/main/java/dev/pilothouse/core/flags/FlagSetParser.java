package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a flagd document into a {@link FlagSet}, collecting every problem as a field error named
 * {@code <prefix>flags.<key>.<field>} so a user can fix them all in one pass.
 */
final class FlagSetParser {
  private final String prefix;
  private final List<FieldError> errors = new ArrayList<>();

  private FlagSetParser(String prefix) {
    this.prefix = prefix;
  }

  /**
   * @param prefix prepended to field names, e.g. {@code spec.} for a FeatureFlagSet resource
   */
  static FlagSet parse(JsonNode document, String prefix) {
    return new FlagSetParser(prefix).document(document);
  }

  private FlagSet document(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      throw ValidationException.of(prefix.isEmpty() ? "document" : stripDot(), "must be an object");
    }
    Map<String, Object> setMetadata = Metadata.read(doc.get("metadata"), "metadata", this::error);
    Map<String, JsonNode> evaluators = evaluators(doc.get("$evaluators"));
    JsonNode flagsNode = doc.get("flags");
    Map<String, CompiledFlag> flags = new LinkedHashMap<>();
    if (flagsNode == null || !flagsNode.isObject()) {
      error("flags", "is required and must be an object of flag definitions");
    } else {
      var context = new FlagParser.Context(evaluators, setMetadata, this::error);
      flagsNode
          .properties()
          .forEach(e -> {
            CompiledFlag flag = FlagParser.parse(e.getKey(), e.getValue(), context);
            if (flag != null) {
              flags.put(e.getKey(), flag);
            }
          });
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(List.copyOf(errors));
    }
    return new FlagSet(flags);
  }

  private Map<String, JsonNode> evaluators(JsonNode node) {
    Map<String, JsonNode> evaluators = new HashMap<>();
    if (node == null || node.isNull()) {
      return evaluators;
    }
    if (!node.isObject()) {
      error("$evaluators", "must be an object of named JsonLogic rules");
      return evaluators;
    }
    node.properties().forEach(e -> evaluators.put(e.getKey(), e.getValue()));
    return evaluators;
  }

  private void error(String field, String message) {
    errors.add(new FieldError(prefix + field, message));
  }

  private String stripDot() {
    return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }
}
