package dev.pilothouse.core.anomaly;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * NAB timestamps: {@code yyyy-MM-dd HH:mm:ss} with an optional fractional-seconds suffix (window
 * endpoints carry {@code .000000}), no zone. Read as UTC epoch seconds so window endpoints and rows
 * compare as instants, not strings.
 */
public final class NabTimestamp {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private NabTimestamp() {}

  /** Parses the leading {@code yyyy-MM-dd HH:mm:ss} of {@code text}; fractions are ignored. */
  public static long parse(String text) {
    if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(10) != ' ') {
      throw new IllegalArgumentException("not a NAB timestamp: '" + text + "'");
    }
    // Hand-rolled: DateTimeFormatter dominated corpus load time.
    LocalDateTime t =
        LocalDateTime.of(
            digits(text, 0, 4),
            digits(text, 5, 7),
            digits(text, 8, 10),
            digits(text, 11, 13),
            digits(text, 14, 16),
            digits(text, 17, 19));
    return t.toEpochSecond(ZoneOffset.UTC);
  }

  /** Formats epoch seconds back to NAB's row timestamp format. */
  public static String format(long epochSeconds) {
    return FORMAT.format(LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC));
  }

  private static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not a NAB timestamp: '" + text + "'");
      }
      n = n * 10 + d;
    }
    return n;
  }
}
