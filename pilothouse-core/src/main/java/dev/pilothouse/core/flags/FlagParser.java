package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Compiles one flag definition, reporting problems as {@code flags.<key>.<field>}. */
final class FlagParser {
  /**
   * What a flag is compiled against.
   *
   * @param errors receives (field, message) for each problem
   */
  record Context(
      Map<String, JsonNode> evaluators,
      Map<String, Object> setMetadata,
      BiConsumer<String, String> errors) {}

  private final String key;
  private final String base;
  private final Context context;
  private boolean failed;

  private FlagParser(String key, Context context) {
    this.key = key;
    this.base = "flags." + key;
    this.context = context;
  }

  /** The compiled flag, or null when it has errors (already reported). */
  static CompiledFlag parse(String key, JsonNode node, Context context) {
    return new FlagParser(key, context).flag(node);
  }

  private CompiledFlag flag(JsonNode node) {
    if (!node.isObject()) {
      error("", "must be an object with state and variants");
      return null;
    }
    boolean enabled = state(node.get("state"));
    Map<String, Object> variants = variants(node.get("variants"));
    String defaultVariant = defaultVariant(node.get("defaultVariant"), variants);
    Map<String, Object> metadata = new LinkedHashMap<>(context.setMetadata());
    metadata.putAll(Metadata.read(node.get("metadata"), ".metadata", this::error));
    TargetingCompiler.Result targeting =
        TargetingCompiler.compile(node.get("targeting"), context.evaluators(), this::error);
    if (failed) {
      return null;
    }
    return new CompiledFlag(
        key,
        enabled,
        variants,
        defaultVariant,
        targeting.targeting(),
        targeting.brokenRef(),
        metadata);
  }

  private boolean state(JsonNode state) {
    if (state == null || !state.isTextual()) {
      error(".state", "is required: ENABLED or DISABLED");
      return false;
    }
    return switch (state.asText()) {
      case "ENABLED" -> true;
      case "DISABLED" -> false;
      default -> {
        error(".state", "must be ENABLED or DISABLED, not " + state.asText());
        yield false;
      }
    };
  }

  private Map<String, Object> variants(JsonNode node) {
    Map<String, Object> variants = new LinkedHashMap<>();
    if (node == null || !node.isObject() || node.isEmpty()) {
      error(".variants", "is required: an object of variant name to value");
      return variants;
    }
    String type = null;
    for (var e : node.properties()) {
      String t = typeOf(e.getValue());
      if (t == null) {
        error(".variants." + e.getKey(), "must be a boolean, string, number or object");
      } else if (type != null && !type.equals(t)) {
        error(".variants." + e.getKey(), "is a " + t + " but other variants are " + type + "s");
      } else {
        type = t;
        variants.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
      }
    }
    return variants;
  }

  private static String typeOf(JsonNode v) {
    if (v.isBoolean()) {
      return "boolean";
    }
    if (v.isTextual()) {
      return "string";
    }
    return v.isNumber() ? "number" : v.isObject() ? "object" : null;
  }

  private String defaultVariant(JsonNode node, Map<String, Object> variants) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      error(".defaultVariant", "must be a variant name or null");
      return null;
    }
    if (!variants.isEmpty() && !variants.containsKey(node.asText())) {
      error(".defaultVariant", "names variant '" + node.asText() + "', which is not in variants");
    }
    return node.asText();
  }

  private void error(String suffix, String message) {
    failed = true;
    context.errors().accept(base + suffix, message);
  }
}
