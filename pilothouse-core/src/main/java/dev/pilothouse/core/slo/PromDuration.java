package dev.pilothouse.core.slo;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations with a single unit ({@code 5m}, {@code 30d}, {@code 2w}). */
public final class PromDuration {
  private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,5})(s|m|h|d|w)");

  private PromDuration() {}

  /** Parses {@code 30d}; empty when the text is not a single-unit duration. */
  public static Optional<Duration> parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        });
  }

  /** Formats with the largest unit that divides it exactly (days at most, as Sloth writes 30d). */
  public static String format(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
