package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs flagd-testbed's evaluator conformance cases (converted to data in {@code
 * shared/datasets/flagd-evaluator-cases}) against {@link FlagSet}. The legacy {@code
 * @fractional-v1} cases test the old bucketing and are left out, as upstream does.
 */
class FlagdConformanceTest {
  static final Path CASES = Path.of("../../shared/datasets/flagd-evaluator-cases");

  @Test
  void everyNonLegacyFlagdEvaluatorCasePasses() throws Exception {
    assertThat(CASES.resolve("cases.json"))
        .as("conformance data missing: expected at %s", CASES.toAbsolutePath().normalize())
        .exists();
    FlagSet flags = FlagSet.parse(Json.parse(Files.readAllBytes(CASES.resolve("flags.json"))));
    JsonNode cases = Json.parse(Files.readAllBytes(CASES.resolve("cases.json")));
    List<String> failures = new ArrayList<>();
    int passed = 0;
    int skipped = 0;
    for (JsonNode c : cases) {
      if (tags(c).contains("@fractional-v1")) {
        skipped++;
        continue;
      }
      String problem = check(flags, c);
      if (problem == null) {
        passed++;
      } else {
        failures.add(c.get("id").asText() + ": " + problem);
      }
    }
    System.out.printf(
        "flagd conformance: %d passed, %d failed, %d legacy @fractional-v1 skipped%n",
        passed, failures.size(), skipped);
    assertThat(failures).isEmpty();
    assertThat(passed).isEqualTo(125);
  }

  private static List<String> tags(JsonNode c) {
    List<String> tags = new ArrayList<>();
    c.get("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }

  private static String check(FlagSet flags, JsonNode c) {
    FlagType type = FlagType.valueOf(c.get("type").asText().toUpperCase(Locale.ROOT));
    @SuppressWarnings("unchecked")
    Map<String, Object> context = Json.MAPPER.convertValue(c.get("context"), Map.class);
    Evaluation e =
        flags.evaluate(
            c.get("flagKey").asText(), type, context, Instant.ofEpochSecond(1_700_000_000));
    JsonNode expect = c.get("expect");
    Object value =
        e.value() != null ? e.value() : Json.MAPPER.convertValue(c.get("fallback"), Object.class);
    List<String> problems = new ArrayList<>();
    if (expect.has("value") && !sameJson(expect.get("value"), Json.MAPPER.valueToTree(value))) {
      problems.add("value " + value + " != " + expect.get("value"));
    }
    compare(problems, expect, "reason", e.reason().name());
    compare(problems, expect, "errorCode", e.errorCode() == null ? null : e.errorCode().name());
    compare(problems, expect, "variant", e.variant());
    if (expect.has("flagMetadata")
        && !expect.get("flagMetadata").equals(Json.MAPPER.valueToTree(e.flagMetadata()))) {
      problems.add("metadata " + e.flagMetadata() + " != " + expect.get("flagMetadata"));
    }
    return problems.isEmpty() ? null : String.join("; ", problems) + " (got " + e + ")";
  }

  private static void compare(List<String> problems, JsonNode expect, String field, String got) {
    if (expect.has(field) && !expect.get(field).asText().equals(got)) {
      problems.add(field + " " + got + " != " + expect.get(field).asText());
    }
  }

  private static boolean sameJson(JsonNode a, JsonNode b) {
    return a.equals(
        (x, y) ->
            x.equals(y)
                    || (x instanceof com.fasterxml.jackson.databind.node.NumericNode nx
                        && y instanceof com.fasterxml.jackson.databind.node.NumericNode ny
                        && nx.decimalValue().compareTo(ny.decimalValue()) == 0)
                ? 0
                : 1,
        b);
  }
}
