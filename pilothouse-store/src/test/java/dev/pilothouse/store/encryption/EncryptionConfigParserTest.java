package dev.pilothouse.store.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EncryptionConfigParserTest {
  private static final String K32 = key(32);

  @Test
  void aKubernetesConfigParsesWithProvidersInOrder() {
    EncryptionConfig config =
        EncryptionConfigParser.parse(
            config(
                "  - aesgcm:\n      keys:\n      - name: key2\n        secret: "
                    + K32
                    + "\n      - name: key1\n        secret: "
                    + key(16)
                    + "\n  - identity: {}\n"));

    EncryptionConfig.Rule rule = config.rules().getFirst();
    assertThat(rule.resources()).containsExactly("secrets");
    assertThat(rule.providers()).hasSize(2).last().isInstanceOf(Provider.Identity.class);
    Provider.AesGcm gcm = (Provider.AesGcm) rule.providers().getFirst();
    assertThat(gcm.keys()).extracting(Provider.AesKey::name).containsExactly("key2", "key1");
    assertThat(gcm.keys().get(1).secret()).hasSize(16);
    assertThat(gcm.keys().getFirst().toString()).doesNotContain(K32);
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("apiVersion: [unclosed", "(document)"),
        Arguments.of(
            config("  - identity: {}\n").replace("EncryptionConfiguration", "Other"), "kind"),
        Arguments.of(
            config("  - identity: {}\n").replace("apiserver.config.k8s.io/v1", "v1"), "apiVersion"),
        Arguments.of(
            config("  - rot13: {}\n"), "resources[0].providers[0].rot13: unknown provider"),
        Arguments.of(
            config("  - secretbox: {}\n"),
            "resources[0].providers[0].secretbox: provider not supported"),
        Arguments.of(
            config("  - aesgcm:\n      keys:\n      - name: k\n        secret: " + key(20) + "\n"),
            "resources[0].providers[0].aesgcm.keys[0].secret: must be base64 of 16, 24 or 32 bytes (got 20)"),
        Arguments.of(
            config("  - aesgcm:\n      keys:\n      - name: k\n        secret: '%%%'\n"),
            "aesgcm.keys[0].secret: is not valid base64"),
        Arguments.of(
            config(
                "  - aesgcm:\n      keys:\n      - name: k\n        secret: "
                    + K32
                    + "\n      - name: k\n        secret: "
                    + K32
                    + "\n"),
            "aesgcm.keys[1].name: duplicate key name 'k'"),
        Arguments.of(
            config("  - aesgcm:\n      keys: []\n"), "aesgcm.keys: must be a non-empty list"),
        Arguments.of(
            config("  - aesgcm:\n      keys:\n      - secret: " + K32 + "\n"),
            "aesgcm.keys[0].name"),
        Arguments.of(
            config("").replace("providers:", "providers: []"),
            "resources[0].providers: must be a non-empty list"),
        Arguments.of(
            "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n",
            "resources: must be"));
  }

  @ParameterizedTest
  @MethodSource("badConfigs")
  void aBadConfigIsRefusedWithOneLineNamingTheField(String yaml, String expected) {
    assertThatThrownBy(() -> EncryptionConfigParser.parse(yaml))
        .isInstanceOf(EncryptionConfigException.class)
        .hasMessageStartingWith("encryption config: ")
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void onlyKeysOf16Or24Or32BytesAreAccepted() {
    for (int length = 0; length <= 64; length++) {
      String yaml =
          config(
              "  - aesgcm:\n      keys:\n      - name: k\n        secret: '" + key(length) + "'\n");
      boolean valid = length == 16 || length == 24 || length == 32;
      if (valid) {
        assertThat(EncryptionConfigParser.parse(yaml).rules()).hasSize(1);
      } else {
        assertThatThrownBy(() -> EncryptionConfigParser.parse(yaml))
            .as("length %d", length)
            .isInstanceOf(EncryptionConfigException.class);
      }
    }
  }

  @Test
  void mangledConfigsEitherParseOrFailWithAFieldNamingLine() {
    String valid =
        config(
            "  - aesgcm:\n      keys:\n      - name: key1\n        secret: "
                + K32
                + "\n  - identity: {}\n");
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      String mangled = mangle(valid, random);
      try {
        EncryptionConfigParser.parse(mangled);
      } catch (EncryptionConfigException e) {
        assertThat(e.getMessage()).startsWith("encryption config: ").doesNotContain("\n");
      }
    }
  }

  @Test
  void unknownAndRepeatedResourcesAreRefusedByName() {
    EncryptionConfig twice =
        EncryptionConfigParser.parse(
            config("  - identity: {}\n")
                + "- resources: [widgets, secrets]\n  providers:\n  - identity: {}\n");

    assertThatThrownBy(() -> StorageEncryption.of(twice, n -> Optional.empty()))
        .hasMessageContaining("resources[0].resources[0]: unknown resource 'secrets'");
    assertThatThrownBy(() -> StorageEncryption.of(twice, n -> Optional.of("/" + n)))
        .hasMessageContaining("resources[1].resources[1]: 'secrets' is already configured");
  }

  private static String mangle(String text, Random random) {
    StringBuilder b = new StringBuilder(text);
    for (int edits = 1 + random.nextInt(3); edits > 0 && !b.isEmpty(); edits--) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, " :-[]{}'\"\n\tax0".charAt(random.nextInt(14)));
        default -> b.setLength(at);
      }
    }
    return b.toString();
  }

  static String config(String providers) {
    return """
    apiVersion: apiserver.config.k8s.io/v1
    kind: EncryptionConfiguration
    resources:
    - resources: [secrets]
      providers:
    """
        + providers;
  }

  private static String key(int length) {
    byte[] k = new byte[length];
    Arrays.fill(k, (byte) 7);
    return Base64.getEncoder().encodeToString(k);
  }
}
