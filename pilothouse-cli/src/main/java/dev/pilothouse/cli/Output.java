package dev.pilothouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;

/** The {@code -o} formats of {@code get}, and how a single document is written in each. */
enum Output {
  table,
  yaml,
  json,
  name;

  /** Pretty JSON, as {@code -o json} prints it. */
  static String prettyJson(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** YAML without a trailing newline, so callers print it with {@code println}. */
  static String yaml(JsonNode node) {
    return Yaml.write(node).stripTrailing();
  }

  /** The {@code -o name} form, e.g. {@code rollout.argoproj.io/web}. */
  static String name(ApiKind kind, JsonNode object) {
    return kind.ref() + "/" + object.path("metadata").path("name").asText();
  }
}
