package dev.pilothouse.store.encryption;

import dev.pilothouse.core.error.EncryptionKeyMissingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers of one kind: the first one writes (null for identity, which stores plaintext), any
 * configured aesgcm key reads.
 */
final class KindCipher {
  private final AesGcmKey writer;
  private final Map<String, AesGcmKey> readers = new HashMap<>();

  KindCipher(List<Provider> providers) {
    for (Provider p : providers) {
      if (p instanceof Provider.AesGcm gcm) {
        gcm.keys().forEach(k -> readers.put(k.name(), new AesGcmKey(k)));
      }
    }
    writer =
        providers.getFirst() instanceof Provider.AesGcm gcm
            ? readers.get(gcm.keys().getFirst().name())
            : null;
  }

  /** The stored form, or null when the write provider is identity. */
  String seal(byte[] plaintext, byte[] aad) {
    return writer == null ? null : writer.seal(plaintext, aad);
  }

  /** Decrypts a stored value; a key this kind does not hold is a typed error naming it. */
  byte[] open(String stored, byte[] aad, String object) {
    StoredValue value = StoredValue.parse(stored, object);
    AesGcmKey key = readers.get(value.keyName());
    if (key == null) {
      throw missing(object, value);
    }
    return key.open(value.payload(), aad, object);
  }

  static EncryptionKeyMissingException missing(String object, StoredValue value) {
    return new EncryptionKeyMissingException(
        object
            + " is encrypted with "
            + value.provider()
            + " key '"
            + value.keyName()
            + "', which the server's encryption configuration does not list; add that key back"
            + " (after the current write key) and restart");
  }
}
