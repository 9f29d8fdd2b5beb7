package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kubernetes-shaped document (apiVersion, kind, metadata, spec, status, and any other fields,
 * which are preserved). Instances are treated as immutable: every mutator returns a changed copy.
 */
public final class Resource {
  private final ObjectNode doc;

  private Resource(ObjectNode doc) {
    this.doc = doc;
  }

  /** Wraps a copy of the given document. */
  public static Resource of(JsonNode doc) {
    if (!(doc instanceof ObjectNode object)) {
      throw new IllegalArgumentException("a resource must be a JSON object");
    }
    return new Resource(object.deepCopy());
  }

  /**
   * Wraps a document without copying it, for callers that built it themselves and drop it (saves a
   * deep copy per write on the hot path).
   */
  static Resource owning(ObjectNode doc) {
    return new Resource(doc);
  }

  /** A copy of the underlying document, safe to modify. */
  public ObjectNode toJson() {
    return doc.deepCopy();
  }

  /** Read-only view of the underlying document: callers must not modify it. */
  public ObjectNode json() {
    return doc;
  }

  public String apiVersion() {
    return doc.path("apiVersion").asText("");
  }

  public String kind() {
    return doc.path("kind").asText("");
  }

  public JsonNode metadata() {
    return doc.path("metadata");
  }

  public String name() {
    return metadata().path("name").asText("");
  }

  public String namespace() {
    return metadata().path("namespace").asText("");
  }

  public String uid() {
    return metadata().path("uid").asText("");
  }

  public long generation() {
    return metadata().path("generation").asLong(0);
  }

  /** The stored resourceVersion as a number, or 0 when absent or not numeric. */
  public long resourceVersion() {
    String rv = metadata().path("resourceVersion").asText("");
    try {
      return rv.isEmpty() ? 0 : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** True when the document carries a resourceVersion (a precondition on writes). */
  public boolean hasResourceVersion() {
    return !metadata().path("resourceVersion").asText("").isEmpty();
  }

  /** Labels as an ordered map. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    metadata()
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** The status object, or a missing node. */
  public JsonNode status() {
    return doc.path("status");
  }

  /** A copy with {@code metadata.resourceVersion} set. */
  public Resource withResourceVersion(long resourceVersion) {
    ObjectNode copy = toJson();
    metadataOf(copy).put("resourceVersion", Long.toString(resourceVersion));
    return new Resource(copy);
  }

  /** The metadata object of a document, created when absent. */
  static ObjectNode metadataOf(ObjectNode doc) {
    JsonNode metadata = doc.get("metadata");
    if (metadata instanceof ObjectNode object) {
      return object;
    }
    return doc.putObject("metadata");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Resource r && r.doc.equals(doc);
  }

  @Override
  public int hashCode() {
    return doc.hashCode();
  }

  @Override
  public String toString() {
    return doc.toString();
  }
}
