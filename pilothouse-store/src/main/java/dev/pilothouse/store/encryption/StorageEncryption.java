package dev.pilothouse.store.encryption;

import dev.pilothouse.core.error.EncryptionKeyMissingException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Encryption at rest per kind, built from an {@link EncryptionConfig}. Kinds the configuration does
 * not name are stored as is; their writes pay one map lookup.
 */
public final class StorageEncryption {
  private static final StorageEncryption NONE = new StorageEncryption(Map.of());

  /** Keyed by {@code group + "/" + kind}. */
  private final Map<String, KindCipher> kinds;

  private StorageEncryption(Map<String, KindCipher> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** Nothing encrypted (rows written encrypted earlier still fail clearly on read). */
  public static StorageEncryption none() {
    return NONE;
  }

  /**
   * Resolves the configuration's resource names to kinds.
   *
   * @param kindOf maps a resource name ({@code secrets}, {@code plural.group}) to {@code
   *     group/kind}, empty when the server does not serve it
   * @throws EncryptionConfigException naming an unknown or repeated resource
   */
  public static StorageEncryption of(
      EncryptionConfig config, Function<String, Optional<String>> kindOf) {
    Map<String, KindCipher> kinds = new HashMap<>();
    for (int i = 0; i < config.rules().size(); i++) {
      EncryptionConfig.Rule rule = config.rules().get(i);
      KindCipher cipher = new KindCipher(rule.providers());
      for (int j = 0; j < rule.resources().size(); j++) {
        String name = rule.resources().get(j);
        String field = "resources[" + i + "].resources[" + j + "]";
        String kind =
            kindOf
                .apply(name)
                .orElseThrow(
                    () -> new EncryptionConfigException(field, "unknown resource '" + name + "'"));
        if (kinds.putIfAbsent(kind, cipher) != null) {
          throw new EncryptionConfigException(field, "'" + name + "' is already configured");
        }
      }
    }
    return new StorageEncryption(kinds);
  }

  /** Whether any kind is encrypted (lets callers skip all work otherwise). */
  public boolean isEmpty() {
    return kinds.isEmpty();
  }

  /**
   * Whether the configuration names the kind (writes of other kinds must not pay for encoding the
   * document to bytes or building its authenticated data).
   */
  public boolean covers(String group, String kind) {
    return !kinds.isEmpty() && kinds.containsKey(group + "/" + kind);
  }

  /**
   * Encrypts a document of the kind with its write provider.
   *
   * @return the stored form, or empty when the kind is stored as plaintext
   */
  public Optional<String> seal(String group, String kind, byte[] plaintext, byte[] aad) {
    KindCipher cipher = kinds.get(group + "/" + kind);
    return cipher == null ? Optional.empty() : Optional.ofNullable(cipher.seal(plaintext, aad));
  }

  /**
   * Decrypts a stored value.
   *
   * @param object names the object in errors (never its content)
   * @throws EncryptionKeyMissingException when no configured key decrypts it
   */
  public byte[] open(String group, String kind, String stored, byte[] aad, String object) {
    KindCipher cipher = kinds.get(group + "/" + kind);
    if (cipher == null) {
      throw KindCipher.missing(object, StoredValue.parse(stored, object));
    }
    return cipher.open(stored, aad, object);
  }
}
