package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;

/** Builds a kind's whole-document schema: the common envelope plus the kind's own fields. */
final class EnvelopeSchema {
  private EnvelopeSchema() {}

  static JsonNode wrap(JsonNode definition) {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.set("metadata", metadataSchema());
    definition
        .path("properties")
        .properties()
        .forEach(e -> properties.set(e.getKey(), e.getValue()));
    ArrayNode required = schema.putArray("required").add("apiVersion").add("kind").add("metadata");
    definition.path("required").forEach(required::add);
    return schema;
  }

  private static ObjectNode metadataSchema() {
    ObjectNode metadata = Json.object().put("type", "object");
    ObjectNode props = metadata.putObject("properties");
    props.putObject("name").put("type", "string");
    props.putObject("generateName").put("type", "string");
    props.putObject("namespace").put("type", "string");
    props.putObject("uid").put("type", "string");
    props.putObject("resourceVersion").put("type", "string");
    props.putObject("generation").put("type", "integer");
    props.putObject("creationTimestamp").put("type", "string");
    props.set("labels", stringMap());
    props.set("annotations", stringMap());
    return metadata;
  }

  private static ObjectNode stringMap() {
    ObjectNode map = Json.object().put("type", "object");
    map.putObject("additionalProperties").put("type", "string");
    return map;
  }
}
