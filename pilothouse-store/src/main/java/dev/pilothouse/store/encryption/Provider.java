package dev.pilothouse.store.encryption;

import java.util.List;

/** One entry of a rule's {@code providers} list. */
public sealed interface Provider {
  /**
   * AES-GCM with random 12-byte nonces; the first key encrypts, all keys decrypt.
   *
   * @param keys named keys, names unique within the rule
   */
  record AesGcm(List<AesKey> keys) implements Provider {
    /** Canonical constructor: copies the list. */
    public AesGcm {
      keys = List.copyOf(keys);
    }
  }

  /** Stores plaintext; reads plaintext rows. */
  record Identity() implements Provider {}

  /**
   * A named AES key.
   *
   * @param name appears in the stored prefix, so a reader knows which key to use
   * @param secret 16, 24 or 32 bytes
   */
  record AesKey(String name, byte[] secret) {
    /** Canonical constructor: copies the secret. */
    public AesKey {
      secret = secret.clone();
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    /** Names the key only: key material must never reach a log. */
    @Override
    public String toString() {
      return "AesKey[" + name + "]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AesKey k
          && k.name.equals(name)
          && java.util.Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
