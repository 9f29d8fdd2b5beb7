package dev.pilothouse.core.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 2}, {@code 128Mi}, {@code 1.5G}, {@code
 * 1e3}), exactly: a decimal number with an optional binary suffix ({@code Ki} … {@code Ei}),
 * decimal suffix ({@code n u m k M G T P E}) or decimal exponent ({@code e3}, {@code E-2}). Pure.
 *
 * @param value the amount in base units (cores, bytes)
 */
public record Quantity(BigDecimal value) {
  private static final Pattern SYNTAX =
      Pattern.compile(
          "([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
          Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
          Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
          Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
          Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
          Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
          Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
          Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
          Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

  /** Thrown for text that is not a quantity; the message quotes it. */
  public static final class InvalidQuantityException extends IllegalArgumentException {
    InvalidQuantityException(String text) {
      super("'" + text + "' is not a quantity (e.g. 500m, 2, 128Mi, 1G)");
    }
  }

  /** Parses a quantity, or throws {@link InvalidQuantityException}. */
  public static Quantity parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (text.isBlank() || !m.matches()) {
      throw new InvalidQuantityException(text);
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    String suffix = m.group(2);
    if (suffix == null) {
      return new Quantity(number);
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      int exponent;
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException e) {
        throw new InvalidQuantityException(text);
      }
      if (Math.abs(exponent) > 100) {
        throw new InvalidQuantityException(text);
      }
      return new Quantity(number.scaleByPowerOfTen(exponent));
    }
    return new Quantity(number.multiply(SUFFIXES.get(suffix)));
  }

  /** The value in thousandths, rounded up (Kubernetes' {@code MilliValue}, used for CPU). */
  public BigDecimal milli() {
    return value.scaleByPowerOfTen(3).setScale(0, RoundingMode.CEILING);
  }

  /** The value rounded up to a whole number (Kubernetes' {@code Value}, used for memory). */
  public BigDecimal whole() {
    return value.setScale(0, RoundingMode.CEILING);
  }
}
