package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {{args.NAME}}} (spaces inside the braces allowed) in every string of a document.
 * Names in {@code deferred} (arguments resolved later, e.g. from a secret) are left in place; any
 * other name without a value is a validation error naming the argument.
 */
public final class ArgSubstitution {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*args\\.([^}\\s]+)\\s*}}");

  private ArgSubstitution() {}

  /**
   * A copy of {@code node} with the placeholders replaced.
   *
   * @throws ValidationException naming each argument that has no value
   */
  public static JsonNode apply(JsonNode node, Map<String, String> values, Set<String> deferred) {
    Set<String> missing = new LinkedHashSet<>();
    JsonNode out = substitute(node.deepCopy(), values, deferred, missing);
    if (!missing.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      missing.forEach(name ->
          errors.add(new FieldError("spec.args." + name, "is required: no value was given")));
      throw new ValidationException(errors);
    }
    return out;
  }

  /**
   * An AnalysisRun spec with its own {@code args} substituted into its {@code metrics}, as Argo
   * resolves arguments at measurement time (so values never need to be copied into the metrics).
   * Arguments with only a {@code valueFrom} are not resolved here: a metric using one fails.
   */
  public static JsonNode runSpec(JsonNode spec) {
    Map<String, String> values = new java.util.HashMap<>();
    spec.path("args")
        .forEach(a -> {
          if (a.has("value") && !a.get("value").isNull()) {
            values.put(a.path("name").asText(), a.get("value").asText());
          }
        });
    if (!(spec instanceof ObjectNode object) || !spec.has("metrics")) {
      return spec;
    }
    ObjectNode copy = object.deepCopy();
    copy.set("metrics", apply(spec.get("metrics"), values, new java.util.HashSet<>()));
    return copy;
  }

  private static JsonNode substitute(
      JsonNode node, Map<String, String> values, Set<String> deferred, Set<String> missing) {
    if (node instanceof ObjectNode object) {
      object
          .properties()
          .forEach(e -> e.setValue(substitute(e.getValue(), values, deferred, missing)));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, substitute(array.get(i), values, deferred, missing));
      }
    } else if (node.isTextual() && node.asText().contains("{{")) {
      return TextNode.valueOf(replace(node.asText(), values, deferred, missing));
    }
    return node;
  }

  private static String replace(
      String text, Map<String, String> values, Set<String> deferred, Set<String> missing) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = values.get(name);
      if (value == null && !deferred.contains(name)) {
        missing.add(name);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
