package dev.pilothouse.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.store.encryption.StorageEncryption;
import java.nio.charset.StandardCharsets;

/**
 * {@link Documents} plus encryption at rest. An encrypted object is stored as the envelope {@code
 * {"enc": "k8s:enc:aesgcm:v1:<key>:...", "metadata": {"resourceVersion": "..."}}}: the whole
 * document (annotations included) is inside the ciphertext, and the SQL that stamps
 * metadata.resourceVersion on rows keeps working on the envelope. Since the same text goes into the
 * object row and its event rows, no table holds the plaintext.
 */
final class DocumentCodec {
  /**
   * How jsonb prints an envelope: keys ordered by length, so "enc" comes first. A plaintext read
   * costs one prefix test (no other document starts with a three-letter key).
   */
  private static final String ENVELOPE = "{\"enc\": \"";

  private final StorageEncryption encryption;

  DocumentCodec(StorageEncryption encryption) {
    this.encryption = encryption;
  }

  /** The text to store for the object. */
  String write(ResourceKey key, Resource resource) {
    String doc = Documents.write(resource);
    if (!encryption.covers(key.group(), key.kind())) {
      return doc; // the path of every other kind: one map lookup
    }
    return encryption
        .seal(key.group(), key.kind(), doc.getBytes(StandardCharsets.UTF_8), aad(key))
        .map(sealed -> Json.write(Json.object().put("enc", sealed).set("metadata", Json.object())))
        .orElse(doc);
  }

  /** The object from stored text, decrypted when it is an envelope. */
  Resource read(ResourceKey key, String text) {
    if (!text.startsWith(ENVELOPE)) {
      return Documents.read(text);
    }
    JsonNode envelope = Json.parse(text);
    byte[] plain =
        encryption.open(
            key.group(), key.kind(), envelope.path("enc").asText(), aad(key), key.toString());
    Resource resource = Documents.read(new String(plain, StandardCharsets.UTF_8));
    // The version is stamped on the envelope by SQL after encryption: it is the current one.
    String version = envelope.path("metadata").path("resourceVersion").asText("");
    return version.isEmpty() ? resource : resource.withResourceVersion(Long.parseLong(version));
  }

  /** Binds the ciphertext to its row: copied onto another object, it does not decrypt. */
  private static byte[] aad(ResourceKey key) {
    return (key.group() + "/" + key.kind() + "/" + key.namespace() + "/" + key.name())
        .getBytes(StandardCharsets.UTF_8);
  }
}
