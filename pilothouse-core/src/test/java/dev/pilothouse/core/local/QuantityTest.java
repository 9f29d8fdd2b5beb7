package dev.pilothouse.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantityTest {
  private static BigDecimal value(String text) {
    return Quantity.parse(text).value();
  }

  @Test
  void suffixesAndExponentsScaleTheNumber() {
    assertThat(value("2")).isEqualByComparingTo("2");
    assertThat(value("500m")).isEqualByComparingTo("0.5");
    assertThat(value("1.5")).isEqualByComparingTo("1.5");
    assertThat(value("128Mi")).isEqualByComparingTo("134217728");
    assertThat(value("1Ki")).isEqualByComparingTo("1024");
    assertThat(value("1G")).isEqualByComparingTo("1000000000");
    assertThat(value("1E")).isEqualByComparingTo("1000000000000000000");
    assertThat(value("1e3")).isEqualByComparingTo("1000");
    assertThat(value("12E-1")).isEqualByComparingTo("1.2");
    assertThat(value(".5k")).isEqualByComparingTo("500");
    assertThat(value("5.")).isEqualByComparingTo("5");
    assertThat(value("100n")).isEqualByComparingTo("0.0000001");
  }

  @Test
  void milliAndWholeRoundUpAsKubernetesDoes() {
    assertThat(Quantity.parse("0.0001").milli()).isEqualByComparingTo("1");
    assertThat(Quantity.parse("1500m").milli()).isEqualByComparingTo("1500");
    assertThat(Quantity.parse("0.5").whole()).isEqualByComparingTo("1");
    assertThat(Quantity.parse("3").whole()).isEqualByComparingTo("3");
  }

  @Test
  void textThatIsNotAQuantityIsRefusedWithItQuoted() {
    for (String bad :
        new String[] {"", " 1", "1 ", "1.2.3", "Mi", "1mi", "1KiB", "e3", "1e", "--1"}) {
      assertThatThrownBy(() -> Quantity.parse(bad))
          .as(bad)
          .isInstanceOf(Quantity.InvalidQuantityException.class)
          .hasMessage("'" + bad + "' is not a quantity (e.g. 500m, 2, 128Mi, 1G)");
    }
  }

  /** Random text over the syntax's characters parses or is refused cleanly, never otherwise. */
  @Test
  void generatedTextParsesOrIsRefusedCleanly() {
    Random random = new Random(7);
    String alphabet = "0123456789.+-eEmkMGiKT ";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        Quantity q = Quantity.parse(b.toString());
        assertThat(q.value()).isNotNull();
      } catch (Quantity.InvalidQuantityException expected) {
        assertThat(expected.getMessage()).startsWith("'" + b + "'");
      }
    }
  }
}
