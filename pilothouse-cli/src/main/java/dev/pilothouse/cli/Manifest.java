package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One document of a manifest file.
 *
 * @param source the file it came from ({@code <stdin>} for {@code -})
 * @param index 1-based position of the document in its file
 * @param doc the document itself
 */
record Manifest(String source, int index, ObjectNode doc) {

  String apiVersion() {
    return doc.path("apiVersion").asText("");
  }

  String kind() {
    return doc.path("kind").asText("");
  }

  String name() {
    return doc.path("metadata").path("name").asText("");
  }

  String namespace() {
    return doc.path("metadata").path("namespace").asText("");
  }

  /** A copy whose namespace is set to {@code defaultNamespace} when the document names none. */
  ObjectNode withNamespace(ApiKind kind, String defaultNamespace) {
    ObjectNode copy = doc.deepCopy();
    if (kind.namespaced() && namespace().isEmpty()) {
      JsonNode metadata = copy.get("metadata");
      ObjectNode target =
          metadata instanceof ObjectNode object ? object : copy.putObject("metadata");
      target.put("namespace", defaultNamespace);
    }
    return copy;
  }

  /** Where this document is, for error messages, e.g. {@code app.yaml (document 2)}. */
  String where() {
    return source + " (document " + index + ")";
  }
}
