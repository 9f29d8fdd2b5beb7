package dev.pilothouse.core.slo;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The SLI windows recorded for every SLO, and window placeholder substitution. */
public final class Windows {
  /**
   * Sloth's placeholder, tolerant of inner spaces: {@code {{.window}}} or {@code {{ .window }}}.
   */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.window\\s*}}");

  /** The short and long windows the burn-rate alerts use (the SLO period is added per SLO). */
  public static final List<Duration> SLI_WINDOWS =
      List.of(
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(6),
          Duration.ofDays(1),
          Duration.ofDays(3));

  private Windows() {}

  /** Replaces the placeholder with a window such as {@code 5m}. */
  public static String substitute(String query, Duration window) {
    return PLACEHOLDER.matcher(query).replaceAll(PromDuration.format(window));
  }
}
