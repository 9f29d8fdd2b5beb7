package dev.pilothouse.store.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an {@code EncryptionConfiguration} file (YAML or JSON). Every problem is an {@link
 * EncryptionConfigException} naming the field, so a server refuses to start with one clear line
 * instead of storing Secrets in a way nobody intended.
 */
public final class EncryptionConfigParser {
  private static final Set<String> API_VERSIONS =
      Set.of("apiserver.config.k8s.io/v1", "apiserver.config.k8s.io/v1beta1");
  private static final Set<String> KNOWN_UNSUPPORTED = Set.of("aescbc", "secretbox", "kms");

  private EncryptionConfigParser() {}

  /** Reads and parses a file. */
  public static EncryptionConfig load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new EncryptionConfigException(file.toString(), "cannot read: " + e.getMessage());
    }
  }

  /** Parses the text of a configuration. */
  public static EncryptionConfig parse(String text) {
    List<JsonNode> docs;
    try {
      docs = Yaml.readAll(text, "file");
    } catch (RuntimeException e) {
      throw new EncryptionConfigException("(document)", "not valid YAML");
    }
    if (docs.size() != 1 || !docs.getFirst().isObject()) {
      throw new EncryptionConfigException("(document)", "expected one YAML mapping");
    }
    JsonNode doc = docs.getFirst();
    requireText(doc, "apiVersion", "apiVersion", API_VERSIONS);
    requireText(doc, "kind", "kind", Set.of("EncryptionConfiguration"));
    List<EncryptionConfig.Rule> rules = new ArrayList<>();
    JsonNode items = nonEmptyArray(doc.get("resources"), "resources");
    for (int i = 0; i < items.size(); i++) {
      rules.add(rule(items.get(i), "resources[" + i + "]"));
    }
    return new EncryptionConfig(rules);
  }

  private static EncryptionConfig.Rule rule(JsonNode node, String path) {
    JsonNode names = nonEmptyArray(node.get("resources"), path + ".resources");
    List<String> resources = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      JsonNode name = names.get(i);
      if (!name.isTextual() || name.asText().isBlank()) {
        throw new EncryptionConfigException(path + ".resources[" + i + "]", "must be a name");
      }
      resources.add(name.asText().strip());
    }
    JsonNode list = nonEmptyArray(node.get("providers"), path + ".providers");
    List<Provider> providers = new ArrayList<>();
    Set<String> keyNames = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      providers.add(provider(list.get(i), path + ".providers[" + i + "]", keyNames));
    }
    return new EncryptionConfig.Rule(resources, providers);
  }

  private static Provider provider(JsonNode node, String path, Set<String> keyNames) {
    if (!node.isObject() || node.size() != 1) {
      throw new EncryptionConfigException(
          path, "must name exactly one provider (aesgcm, identity)");
    }
    String type = node.fieldNames().next();
    return switch (type) {
      case "identity" -> new Provider.Identity();
      case "aesgcm" -> AesKeys.aesGcm(node.get(type), path + ".aesgcm", keyNames);
      default ->
          throw new EncryptionConfigException(
              path + "." + type,
              (KNOWN_UNSUPPORTED.contains(type) ? "provider not supported" : "unknown provider")
                  + " (supported: aesgcm, identity)");
    };
  }

  private static void requireText(JsonNode doc, String field, String path, Set<String> allowed) {
    JsonNode value = doc.get(field);
    if (value == null || !allowed.contains(value.asText())) {
      throw new EncryptionConfigException(
          path, "must be one of " + new java.util.TreeSet<>(allowed));
    }
  }

  static JsonNode nonEmptyArray(JsonNode node, String path) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new EncryptionConfigException(path, "must be a non-empty list");
    }
    return node;
  }

  /** The {@code aesgcm.keys} part: names unique, secrets base64 of an AES key length. */
  static final class AesKeys {
    private AesKeys() {}

    static Provider.AesGcm aesGcm(JsonNode node, String path, Set<String> keyNames) {
      JsonNode keys = nonEmptyArray(node.get("keys"), path + ".keys");
      List<Provider.AesKey> result = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        result.add(key(keys.get(i), path + ".keys[" + i + "]", keyNames));
      }
      return new Provider.AesGcm(result);
    }

    private static Provider.AesKey key(JsonNode node, String path, Set<String> keyNames) {
      String name = node.path("name").asText("");
      if (name.isBlank() || name.contains(":")) {
        throw new EncryptionConfigException(path + ".name", "must be a non-empty name without ':'");
      }
      if (!keyNames.add(name)) {
        throw new EncryptionConfigException(path + ".name", "duplicate key name '" + name + "'");
      }
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(node.path("secret").asText("").strip());
      } catch (IllegalArgumentException e) {
        throw new EncryptionConfigException(path + ".secret", "is not valid base64");
      }
      if (secret.length != 16 && secret.length != 24 && secret.length != 32) {
        throw new EncryptionConfigException(
            path + ".secret",
            "must be base64 of 16, 24 or 32 bytes (got "
                + secret.length
                + "); generate one with: head -c 32 /dev/urandom | base64");
      }
      return new Provider.AesKey(name, secret);
    }
  }
}
