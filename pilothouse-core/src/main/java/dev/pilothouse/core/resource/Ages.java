package dev.pilothouse.core.resource;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Object ages in the short form kubectl's AGE column uses: 45s, 12m, 3h, 20d. */
public final class Ages {
  private Ages() {}

  /**
   * The age of an RFC 3339 timestamp at {@code now}; empty when absent or unparseable (documents
   * may carry anything there, and an age is never worth failing a listing for).
   */
  public static Optional<String> since(String timestamp, Instant now) {
    if (timestamp == null || timestamp.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(format(Duration.between(Instant.parse(timestamp), now)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Formats a duration: seconds below 2 minutes, minutes below 2 hours, hours below 2 days. */
  public static String format(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 120 * 60) {
      return seconds / 60 + "m";
    }
    if (seconds < 48 * 3600) {
      return seconds / 3600 + "h";
    }
    return seconds / 86400 + "d";
  }
}
