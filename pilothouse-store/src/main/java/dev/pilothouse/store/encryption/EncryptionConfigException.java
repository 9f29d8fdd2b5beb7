package dev.pilothouse.store.encryption;

/**
 * An encryption configuration that cannot be used. The message is one readable line naming the
 * field (for example {@code resources[0].providers[0].aesgcm.keys[1].secret}) and the problem.
 */
public final class EncryptionConfigException extends IllegalArgumentException {
  private final String field;

  /** Creates the error for one field. */
  public EncryptionConfigException(String field, String problem) {
    super("encryption config: " + field + ": " + problem);
    this.field = field;
  }

  /** The path of the offending field. */
  public String field() {
    return field;
  }
}
