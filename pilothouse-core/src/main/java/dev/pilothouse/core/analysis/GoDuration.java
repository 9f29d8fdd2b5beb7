package dev.pilothouse.core.analysis;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go duration strings as Go's {@code time.ParseDuration} does ({@code 250ms}, {@code 10s},
 * {@code 5m}, {@code 1h30m}, {@code 1.5h}, {@code -2s}, {@code 0}), which is how Argo Rollouts
 * writes every interval, delay and pause.
 */
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

  private GoDuration() {}

  /** The duration, or empty when the text is not a Go duration. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    boolean negative = text.startsWith("-");
    String body = negative || text.startsWith("+") ? text.substring(1) : text;
    if (body.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = PART.matcher(body);
    Duration total = Duration.ZERO;
    int end = 0;
    while (end < body.length() && m.find(end) && m.start() == end) {
      total = total.plus(part(new BigDecimal(m.group(1)), m.group(2)));
      end = m.end();
    }
    if (end == 0 || end != body.length()) {
      return Optional.empty();
    }
    return Optional.of(negative ? total.negated() : total);
  }

  /**
   * The duration.
   *
   * @throws IllegalArgumentException when the text is not a Go duration
   */
  public static Duration parseOrThrow(String text) {
    return parse(text)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "'" + text + "' is not a duration (e.g. 250ms, 10s, 5m, 1h30m)"));
  }

  private static Duration part(BigDecimal amount, String unit) {
    long nanosPerUnit =
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs", "μs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
  }
}
