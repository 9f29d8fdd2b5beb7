package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Json;
import io.github.jamsesso.jsonlogic.ast.JsonLogicParser;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  private static Targeting compile(String json) throws Exception {
    return Targeting.of(JsonLogicParser.parse(Json.parse(json).toString()));
  }

  @Test
  void aTypicalRuleCompilesToSpecialisedNodesWithoutFallingBackToTheLibrary() throws Exception {
    Targeting t =
        compile(
            """
            {"if": [{"and": [{"==": [{"var": "tier"}, "gold"]},
              {"in": [{"var": "country"}, ["de", "fr", "nl"]]},
              {">=": [{"var": "age"}, 18]},
              {"sem_ver": [{"var": "version"}, "^", "2.0.0"]},
              {"ends_with": [{"var": "email"}, "@example.com"]}]},
              {"fractional": [["a", 50], ["b", 50]]}, "off"]}
            """);

    assertThat(t.compiled().toString()).doesNotContain("Generic", "Interpreted");
    Map<String, Object> ctx =
        Map.of(
            "tier",
            "gold",
            "country",
            "fr",
            "age",
            42,
            "version",
            "2.3.1",
            "email",
            "x@example.com",
            "targetingKey",
            "user-1");
    assertThat(t.evaluate("f", ctx, NOW)).isIn("a", "b").isEqualTo(t.interpret("f", ctx, NOW));
  }

  @Test
  void operatorsThatRebindTheDataRunThroughTheLibrary() throws Exception {
    Targeting t =
        compile("{\"some\": [{\"var\": \"tags\"}, {\"==\": [{\"var\": \"\"}, \"beta\"]}]}");

    assertThat(t.compiled()).isInstanceOf(Expr.Interpreted.class);
    assertThat(t.evaluate("f", Map.of("tags", java.util.List.of("alpha", "beta")), NOW))
        .isEqualTo(true);
  }

  @Test
  void aSingleArrayArgumentIsUnwrappedIntoTheArgumentListAsTheLibraryDoes() throws Exception {
    Targeting t = compile("{\"==\": [{\"var\": \"pair\"}]}");

    assertThat(t.evaluate("f", Map.of("pair", java.util.List.of(2, 2.0)), NOW)).isEqualTo(true);
    assertThat(t.evaluate("f", Map.of("pair", java.util.List.of(2, "3")), NOW)).isEqualTo(false);
  }

  @Test
  void numbersFromTheContextCompareWithStringsByValue() throws Exception {
    Targeting t =
        compile(
            "{\"and\": [{\"==\": [{\"var\": \"n\"}, \"18\"]}, {\"<\": [\"9\", {\"var\": \"n\"}]}]}");

    assertThat(t.evaluate("f", Map.of("n", 18), NOW)).isEqualTo(true);
    assertThat(t.evaluate("f", Map.of("n", "x"), NOW)).isEqualTo(false);
    assertThat(t.evaluate("f", Map.of(), NOW)).isEqualTo(false);
  }
}
