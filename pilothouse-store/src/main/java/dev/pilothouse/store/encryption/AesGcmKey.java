package dev.pilothouse.store.encryption;

import dev.pilothouse.core.error.EncryptionKeyMissingException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-GCM key at work. Each write draws a fresh random 12-byte nonce: unlike a counter, this
 * needs no state shared between replicas or restarts. Random nonces collide with probability about
 * n²/2⁹⁷ after n writes, so a key should be rotated well before 2³² writes (NIST SP 800-38D's
 * bound); a Secret store rarely sees a fraction of that. The object's identity is the additional
 * authenticated data, so a ciphertext copied onto another row does not decrypt.
 */
final class AesGcmKey {
  /** Stored values start with this, then the key name and ':' (as Kubernetes' aesgcm does). */
  static final String PREFIX = "k8s:enc:aesgcm:v1:";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final SecretKeySpec key;

  AesGcmKey(Provider.AesKey key) {
    this.name = key.name();
    this.key = new SecretKeySpec(key.secret(), "AES");
  }

  String name() {
    return name;
  }

  /** {@code k8s:enc:aesgcm:v1:<name>:<base64(nonce ‖ ciphertext ‖ tag)>}. */
  String seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + name + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable in this JVM", e);
    }
  }

  /**
   * Decrypts the part after the prefix. A failed tag check means this key's material is not the one
   * that wrote the row (or the row was altered): reported as a missing key, never as garbage.
   */
  byte[] open(String payload, byte[] aad, String object) {
    try {
      byte[] in = Base64.getDecoder().decode(payload);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new EncryptionKeyMissingException(
          object
              + " is encrypted with aesgcm key '"
              + name
              + "', but the configured key of that name does not decrypt it (was its secret"
              + " changed?)");
    }
  }
}
