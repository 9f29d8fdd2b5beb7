package dev.pilothouse.store.encryption;

import java.util.List;

/**
 * An encryption configuration in Kubernetes' {@code EncryptionConfiguration} shape: for each group
 * of resources, the providers in order. The first provider encrypts writes; every provider can
 * decrypt reads (matched by the stored prefix), which is what makes key rotation work.
 *
 * @param rules one entry per {@code resources[]} item of the file
 */
public record EncryptionConfig(List<Rule> rules) {
  /** Canonical constructor: copies the list. */
  public EncryptionConfig {
    rules = List.copyOf(rules);
  }

  /** No encryption: everything is stored as is. */
  public static EncryptionConfig none() {
    return new EncryptionConfig(List.of());
  }

  /**
   * Providers for some resources.
   *
   * @param resources resource names as in Kubernetes: {@code secrets}, or {@code plural.group}
   * @param providers in order; the first one encrypts writes
   */
  public record Rule(List<String> resources, List<Provider> providers) {
    /** Canonical constructor: copies the lists. */
    public Rule {
      resources = List.copyOf(resources);
      providers = List.copyOf(providers);
    }
  }
}
