package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamsesso.jsonlogic.ast.JsonLogicParseException;
import io.github.jamsesso.jsonlogic.ast.JsonLogicParser;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Turns a flag's {@code targeting} into a {@link Targeting}: inlines {@code {"$ref": name}} from
 * {@code $evaluators}, rejects unknown operators up front (so they never fail per request) and
 * parses the JsonLogic once.
 */
final class TargetingCompiler {
  /**
   * @param targeting null when there is no rule (absent, null or {@code {}})
   * @param brokenRef why the rule cannot run, when it names a missing evaluator
   */
  record Result(Targeting targeting, String brokenRef) {}

  private static final class MissingRef extends RuntimeException {
    MissingRef(String name) {
      super(
          "targeting references $evaluators entry '" + name + "', which does not exist",
          null,
          false,
          false);
    }
  }

  private TargetingCompiler() {}

  /** Compiles a rule; problems go to {@code errors} as (field suffix, message). */
  static Result compile(
      JsonNode node, Map<String, JsonNode> evaluators, BiConsumer<String, String> errors) {
    if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
      return new Result(null, null);
    }
    if (!node.isObject()) {
      errors.accept(".targeting", "must be a JsonLogic object");
      return new Result(null, null);
    }
    JsonNode inlined;
    try {
      inlined = inline(node, evaluators);
    } catch (MissingRef e) {
      // flagd loads such a flag and fails its evaluations with PARSE_ERROR; so do we.
      return new Result(null, e.getMessage());
    }
    String unknown = unknownOperator(inlined);
    if (unknown != null) {
      errors.accept(".targeting", "uses unknown operator '" + unknown + "'");
      return new Result(null, null);
    }
    try {
      return new Result(Targeting.of(JsonLogicParser.parse(inlined.toString())), null);
    } catch (JsonLogicParseException | RuntimeException e) {
      errors.accept(".targeting", "is not valid JsonLogic: " + e.getMessage());
      return new Result(null, null);
    }
  }

  private static JsonNode inline(JsonNode node, Map<String, JsonNode> evaluators) {
    if (node.isObject() && node.size() == 1 && node.has("$ref")) {
      String name = node.get("$ref").asText();
      JsonNode target = evaluators.get(name);
      if (target == null) {
        throw new MissingRef(name);
      }
      return target.deepCopy();
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), inline(e.getValue(), evaluators)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> copy.add(inline(child, evaluators)));
      return copy;
    }
    return node;
  }

  /** The first operator the evaluator does not know, or null. */
  private static String unknownOperator(JsonNode node) {
    if (node.isObject()) {
      if (node.size() != 1) {
        return node.isEmpty() ? "{}" : "an object with " + node.size() + " keys";
      }
      var field = node.properties().iterator().next();
      if (!Operators.NAMES.contains(field.getKey())) {
        return field.getKey();
      }
      return unknownOperator(field.getValue());
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        String unknown = unknownOperator(child);
        if (unknown != null) {
          return unknown;
        }
      }
    }
    return null;
  }
}
