package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.BadRequestException;
import dev.pilothouse.core.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Pure preparation of documents before they are stored: checks that a body fits the endpoint it was
 * sent to, fills server-owned metadata (uid, generation, creationTimestamp) and enforces the
 * status-subresource split, then validates against the kind's schema. Nothing here touches storage.
 */
final class Admission {
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private final KindRegistry kinds;
  private final Clock clock;
  private final Supplier<UUID> uids;
  private final RandomGenerator random;

  Admission(KindRegistry kinds, Clock clock, Supplier<UUID> uids, RandomGenerator random) {
    this.kinds = kinds;
    this.clock = clock;
    this.uids = uids;
    this.random = random;
  }

  /** A new object ready to insert. */
  ObjectNode forCreate(KindInfo kind, String namespace, JsonNode body) {
    ObjectNode doc = checkedBody(kind, namespace, body);
    ObjectNode metadata = Resource.metadataOf(doc);
    if (metadata.hasNonNull("resourceVersion")) {
      throw ValidationException.of("metadata.resourceVersion", "must not be set on create");
    }
    if (metadata.path("name").asText("").isEmpty() && metadata.hasNonNull("generateName")) {
      metadata.put("name", metadata.get("generateName").asText() + randomSuffix());
    }
    metadata.put("uid", uids.get().toString());
    metadata.put("generation", 1);
    metadata.put("creationTimestamp", now().toString());
    if (kind.statusSubresource()) {
      doc.remove("status");
    }
    return validated(kind, doc);
  }

  /** The replacement of {@code current} by a full body sent to the main resource. */
  ObjectNode forReplace(KindInfo kind, Resource current, JsonNode body) {
    ObjectNode doc = checkedBody(kind, current.namespace(), body);
    requireSameName(current, doc);
    if (kind.statusSubresource()) {
      if (current.json().has("status")) {
        doc.set("status", current.json().get("status").deepCopy());
      } else {
        doc.remove("status");
      }
    }
    keepServerMetadata(current, doc);
    boolean specChanged =
        !withoutMetadataAndStatus(doc).equals(withoutMetadataAndStatus(current.json()));
    if (specChanged) {
      Resource.metadataOf(doc).put("generation", current.generation() + 1);
    } else {
      // Same node as stored, so an unchanged document compares equal and the write is a no-op.
      Resource.metadataOf(doc).set("generation", current.metadata().get("generation"));
    }
    return validated(kind, doc);
  }

  /** The replacement of {@code current} when only its status may change. */
  ObjectNode forStatus(KindInfo kind, Resource current, JsonNode body) {
    ObjectNode doc = checkedBody(kind, current.namespace(), body);
    requireSameName(current, doc);
    ObjectNode next = current.toJson();
    if (doc.has("status")) {
      next.set("status", doc.get("status"));
    } else {
      next.remove("status");
    }
    return validated(kind, next);
  }

  private ObjectNode checkedBody(KindInfo kind, String namespace, JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      throw new BadRequestException("the body must be a JSON or YAML object");
    }
    ObjectNode doc = object.deepCopy();
    requireField(doc, "apiVersion", kind.apiVersion());
    requireField(doc, "kind", kind.kind());
    ObjectNode metadata = Resource.metadataOf(doc);
    String declared = metadata.path("namespace").asText("");
    if (kind.namespaced()) {
      if (!declared.isEmpty() && !declared.equals(namespace)) {
        throw new BadRequestException(
            "metadata.namespace '"
                + declared
                + "' does not match the request's namespace '"
                + namespace
                + "'");
      }
      metadata.put("namespace", namespace);
    } else {
      metadata.remove("namespace");
    }
    checkMetadata(metadata);
    return doc;
  }

  private static void requireField(ObjectNode doc, String field, String expected) {
    String actual = doc.path(field).asText("");
    if (actual.isEmpty()) {
      doc.put(field, expected);
    } else if (!actual.equals(expected)) {
      throw ValidationException.of(
          field, "is '" + actual + "' but this endpoint serves '" + expected + "'");
    }
  }

  private static void checkMetadata(ObjectNode metadata) {
    JsonNode name = metadata.get("name");
    if (name != null && !name.isTextual()) {
      throw ValidationException.of("metadata.name", "must be a string");
    }
    if (!metadata.path("name").asText("").isEmpty() || !metadata.hasNonNull("generateName")) {
      Labels.requireValidName("metadata.name", metadata.path("name").asText(""));
    }
    checkStringMap(metadata, "labels", true);
    checkStringMap(metadata, "annotations", false);
  }

  private static void checkStringMap(ObjectNode metadata, String field, boolean labelValues) {
    JsonNode map = metadata.get(field);
    if (map == null || map.isNull()) {
      return;
    }
    if (!map.isObject()) {
      throw ValidationException.of("metadata." + field, "must be a map of strings");
    }
    map.properties()
        .forEach(e -> {
          String path = "metadata." + field + "." + e.getKey();
          Labels.requireValidKey(path, e.getKey());
          if (!e.getValue().isTextual()) {
            throw ValidationException.of(path, "must be a string");
          }
          if (labelValues) {
            Labels.requireValidValue(path, e.getValue().asText());
          }
        });
  }

  private static void requireSameName(Resource current, ObjectNode doc) {
    String name = doc.path("metadata").path("name").asText("");
    if (!name.equals(current.name())) {
      throw new BadRequestException(
          "metadata.name '"
              + name
              + "' does not match the name in the URL '"
              + current.name()
              + "'");
    }
  }

  private static void keepServerMetadata(Resource current, ObjectNode doc) {
    ObjectNode metadata = Resource.metadataOf(doc);
    metadata.put("uid", current.uid());
    metadata.set("creationTimestamp", current.metadata().get("creationTimestamp"));
    metadata.remove("generateName");
  }

  private static JsonNode withoutMetadataAndStatus(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("metadata");
    copy.remove("status");
    return copy;
  }

  private ObjectNode validated(KindInfo kind, ObjectNode doc) {
    kinds.validate(kind, doc);
    return doc;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private String randomSuffix() {
    StringBuilder sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return sb.toString();
  }
}
