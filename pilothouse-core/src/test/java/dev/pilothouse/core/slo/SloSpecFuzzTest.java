package dev.pilothouse.core.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.KindRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of the SLO parsers and the SLO kinds' admission: valid specs with random mutations
 * (keys removed, values replaced by other types, out-of-range numbers, odd strings) are either
 * accepted, and then generate rules, or refused with a ValidationException naming at least one
 * field; never any other exception.
 */
class SloSpecFuzzTest {
  private static final int CASES = 1500;
  private static final KindRegistry KINDS = KindRegistry.builtin();

  @ParameterizedTest
  @ValueSource(strings = {"sloth-myservice.yaml", "sloth-crd.yaml", "openslo-checkout.yaml"})
  void mutatedSpecsAreAcceptedOrRefusedNamingAFieldNeverCrash(String resource) throws Exception {
    List<JsonNode> valid = Yaml.readAll(SloParsersTest.resource(resource), resource);
    Random random = new Random(resource.hashCode());
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      List<JsonNode> docs = new ArrayList<>();
      valid.forEach(d -> docs.add(d.deepCopy()));
      JsonNode target = docs.get(random.nextInt(docs.size()));
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        mutate(target, random);
      }
      String where = resource + " case " + i + ": " + Json.write(target);
      refused += parseOrRefuse(docs, where) ? 0 : 1;
      if (target.path("kind").isTextual() && target.path("apiVersion").isTextual()) {
        admitOrRefuse(target, where);
      }
    }
    assertThat(refused).as("mutations should mostly break something").isGreaterThan(CASES / 4);
  }

  private static boolean parseOrRefuse(List<JsonNode> docs, String where) {
    try {
      List<Slo> slos = SloDocuments.parse(docs);
      assertThat(RuleFiles.ruleFileYaml(SloRules.generate(slos))).as(where).isNotEmpty();
      return true;
    } catch (ValidationException e) {
      assertNamed(e, where);
      return false;
    }
  }

  private static void admitOrRefuse(JsonNode doc, String where) {
    if (!(doc instanceof ObjectNode object)) {
      return;
    }
    var kind = KINDS.byApiVersionKind(doc.path("apiVersion").asText(), doc.path("kind").asText());
    if (kind.isEmpty()) {
      return;
    }
    try {
      KINDS.validate(kind.get(), object);
    } catch (ValidationException e) {
      assertNamed(e, where);
    }
  }

  private static void assertNamed(ValidationException e, String where) {
    assertThat(e.fieldErrors()).as(where).isNotEmpty();
    assertThat(e.fieldErrors())
        .as(where)
        .extracting(FieldError::message)
        .allMatch(s -> !s.isBlank());
  }

  /** Picks a random container in the tree and changes one of its entries. */
  private static void mutate(JsonNode root, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode node = containers.get(random.nextInt(containers.size()));
    if (node instanceof ObjectNode object && !object.isEmpty()) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      String key = keys.get(random.nextInt(keys.size()));
      if (random.nextInt(4) == 0) {
        object.remove(key);
      } else {
        object.set(key, randomValue(random));
      }
    } else if (node instanceof ArrayNode array && !array.isEmpty()) {
      int index = random.nextInt(array.size());
      if (random.nextInt(4) == 0) {
        array.remove(index);
      } else {
        array.set(index, randomValue(random));
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collect(child, out));
    }
  }

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> Json.MAPPER.nullNode();
      case 1 -> Json.MAPPER.getNodeFactory().numberNode(random.nextInt(300) - 100);
      case 2 -> Json.MAPPER.getNodeFactory().numberNode(random.nextDouble() * 200 - 50);
      case 3 -> Json.MAPPER.getNodeFactory().textNode("");
      case 4 -> Json.MAPPER.getNodeFactory().textNode("{{.window}}");
      case 5 -> Json.MAPPER.getNodeFactory().textNode("x" + random.nextInt(10) + "d");
      case 6 -> Json.MAPPER.getNodeFactory().textNode("ünïcode \"quoted\" ' \n");
      case 7 -> Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
      case 8 -> Json.MAPPER.createArrayNode().add(random.nextInt());
      case 9 -> Json.object().put("k", "v");
      case 10 -> Json.MAPPER.getNodeFactory().textNode("rate(x[{{.window}}])");
      default -> Json.MAPPER.getNodeFactory().textNode(String.valueOf(random.nextInt(100)) + "d");
    };
  }
}
