package dev.pilothouse.store.encryption;

import dev.pilothouse.core.error.EncryptionKeyMissingException;

/**
 * The parts of a stored encrypted value {@code k8s:enc:<provider>:v1:<key>:<payload>}.
 *
 * @param provider e.g. {@code aesgcm}
 * @param keyName the key that wrote it
 * @param payload base64 of nonce, ciphertext and tag
 */
record StoredValue(String provider, String keyName, String payload) {
  static StoredValue parse(String stored, String object) {
    String[] parts = stored.split(":", 6);
    if (parts.length != 6 || !"k8s".equals(parts[0]) || !"enc".equals(parts[1])) {
      throw new EncryptionKeyMissingException(object + " has an unrecognized encrypted form");
    }
    if (!"aesgcm".equals(parts[2]) || !"v1".equals(parts[3])) {
      throw new EncryptionKeyMissingException(
          object
              + " is encrypted with provider '"
              + parts[2]
              + ":"
              + parts[3]
              + "', not supported");
    }
    return new StoredValue(parts[2], parts[4], parts[5]);
  }
}
