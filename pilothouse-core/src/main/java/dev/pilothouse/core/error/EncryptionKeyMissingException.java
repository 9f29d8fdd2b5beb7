package dev.pilothouse.core.error;

/**
 * A stored object was encrypted with a key the server's encryption configuration does not hold (for
 * example, the key was removed before every object was re-encrypted). Nothing is decrypted or
 * overwritten; the message names the provider and key, never any content.
 */
public final class EncryptionKeyMissingException extends PilothouseException {

  /** Creates the error naming the stored object and the key it needs. */
  public EncryptionKeyMissingException(String message) {
    super(message);
  }
}
