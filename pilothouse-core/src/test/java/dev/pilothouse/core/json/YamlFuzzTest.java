package dev.pilothouse.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.BadRequestException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated inputs: the reader either returns documents or a BadRequestException. */
class YamlFuzzTest {
  private static final String SEED =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cfg, labels: {app: web}}
      data:
        k: "v"
        list: [1, 2, {a: b}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec: &s {replicas: 2}
      other: *s
      """;

  @Test
  void mutatedManifestsNeverFailWithAnythingButBadRequest() {
    Random random = new Random(20261123);
    String alphabet = "-:{}[]&*!|>'\"#%@`\t\n ,?abc019";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(SEED);
      for (int m = 1 + random.nextInt(4); m > 0; m--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> text.deleteCharAt(at);
          default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      assertParsesOrRejects(text.toString());
    }
  }

  @Test
  void randomBytesNeverFailWithAnythingButBadRequest() {
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      assertParsesOrRejects(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void writtenYamlReadsBackAsTheSameTree() {
    for (JsonNode doc : Yaml.readAll(SEED, "seed")) {
      assertThat(Yaml.readAll(Yaml.write(doc), "round-trip")).containsExactly(doc);
    }
  }

  @Test
  void errorNamesTheSource() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Yaml.readAll("a: [", "rollout.yaml"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("rollout.yaml: invalid YAML");
  }

  private static void assertParsesOrRejects(String text) {
    try {
      List<JsonNode> docs = Yaml.readAll(text, "fuzz");
      assertThat(docs).doesNotContainNull();
    } catch (BadRequestException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz: invalid YAML");
    }
  }
}
