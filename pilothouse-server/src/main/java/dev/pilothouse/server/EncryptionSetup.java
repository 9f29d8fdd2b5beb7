package dev.pilothouse.server;

import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.store.encryption.EncryptionConfigException;
import dev.pilothouse.store.encryption.EncryptionConfigParser;
import dev.pilothouse.store.encryption.StorageEncryption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns {@code --encryption-config FILE} into the store's {@link StorageEncryption}, resolving the
 * file's resource names ({@code secrets}, {@code plural.group}) against the kinds the API serves.
 */
final class EncryptionSetup {
  private EncryptionSetup() {}

  /**
   * Loads the file, or no encryption when it is null.
   *
   * @throws EncryptionConfigException naming the field when the file cannot be used
   */
  static StorageEncryption load(Path file) {
    if (file == null) {
      return StorageEncryption.none();
    }
    return StorageEncryption.of(EncryptionConfigParser.load(file), EncryptionSetup::kindOf);
  }

  /** {@code group/kind} of a resource name, as the store keys rows. */
  static Optional<String> kindOf(String resource) {
    return KindRegistry.builtin().byResourceName(resource).map(k -> k.group() + "/" + k.kind());
  }
}
