package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Ages in the short form kubectl uses (45s, 12m, 3h, 20d). */
final class Ages {
  private Ages() {}

  /** Age of an object from its metadata.creationTimestamp; empty when it has none. */
  static String of(JsonNode metadata, Instant now) {
    String created = metadata.path("creationTimestamp").asText("");
    if (created.isEmpty()) {
      return "";
    }
    try {
      return format(Duration.between(Instant.parse(created), now));
    } catch (DateTimeParseException e) {
      return ""; // documents written around admission may carry anything; don't fail the page
    }
  }

  static String format(Duration age) {
    long s = Math.max(0, age.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 120 * 60) {
      return s / 60 + "m";
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }
}
