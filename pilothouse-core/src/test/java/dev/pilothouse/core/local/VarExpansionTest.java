package dev.pilothouse.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VarExpansionTest {
  private static final Map<String, String> VARS = Map.of("A", "1", "B", "two", "EMPTY", "");

  private static String expand(String input) {
    return VarExpansion.expand(input, VARS);
  }

  @Test
  void definedReferencesAreReplacedAndUndefinedOnesStayAsWritten() {
    assertThat(expand("$(A)-$(B)")).isEqualTo("1-two");
    assertThat(expand("x$(EMPTY)y")).isEqualTo("xy");
    assertThat(expand("$(NOPE) and $(A)")).isEqualTo("$(NOPE) and 1");
    assertThat(expand("--port=$(A)")).isEqualTo("--port=1");
  }

  @Test
  void doubleDollarEscapesAndOtherDollarsStay() {
    assertThat(expand("$$(A)")).isEqualTo("$(A)");
    assertThat(expand("$$$(A)")).isEqualTo("$1");
    assertThat(expand("cost $$5")).isEqualTo("cost $5");
    assertThat(expand("$A ${A} $")).isEqualTo("$A ${A} $");
    assertThat(expand("$(A")).isEqualTo("$(A");
    assertThat(expand("$(A$(B)")).isEqualTo("$(A$(B)");
    assertThat(expand("$()")).isEqualTo("$()");
  }

  @Test
  void expansionIsNotRecursive() {
    assertThat(VarExpansion.expand("$(X)", Map.of("X", "$(A)", "A", "1"))).isEqualTo("$(A)");
  }

  /**
   * Generated strings over the syntax's characters: text without {@code $} is unchanged, every
   * input expands without error, and with no variables defined only {@code $$} pairs change.
   */
  @Test
  void generatedInputsFollowTheRules() {
    Random random = new Random(42);
    String alphabet = "$()AB x";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String input = b.toString();
      String none = VarExpansion.expand(input, Map.of());
      assertThat(none).as(input).isEqualTo(collapseDollarPairs(input));
      if (input.indexOf('$') < 0) {
        assertThat(expand(input)).isEqualTo(input);
      }
    }
  }

  /** What expansion with no variables must give: each {@code $$} becomes {@code $}. */
  private static String collapseDollarPairs(String input) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < input.length(); i++) {
      out.append(input.charAt(i));
      if (input.charAt(i) == '$' && i + 1 < input.length() && input.charAt(i + 1) == '$') {
        i++;
      } else if (input.charAt(i) == '$' && i + 1 < input.length() && input.charAt(i + 1) == '(') {
        int close = input.indexOf(')', i + 2);
        if (close >= 0) {
          out.append(input, i + 1, close + 1);
          i = close;
        }
      }
    }
    return out.toString();
  }
}
