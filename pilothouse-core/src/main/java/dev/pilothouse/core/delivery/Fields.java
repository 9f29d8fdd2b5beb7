package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.GoDuration;
import dev.pilothouse.core.error.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed fields from a document while collecting every problem with its path, so one
 * validation error names all bad fields at once.
 */
final class Fields {

  private final List<FieldError> errors = new ArrayList<>();

  List<FieldError> errors() {
    return errors;
  }

  void error(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  Optional<Integer> integer(JsonNode node, String path, int min, int max) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      error(path, "must be an integer");
      return Optional.empty();
    }
    int value = node.asInt();
    if (value < min || value > max) {
      error(path, "must be " + min + ".." + max);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  String text(JsonNode node, String path, boolean required) {
    if (node.isMissingNode() || node.isNull()) {
      if (required) {
        error(path, "is required");
      }
      return "";
    }
    if (!node.isTextual()) {
      error(path, "must be a string");
      return "";
    }
    return node.asText();
  }

  boolean bool(JsonNode node, String path, boolean fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      error(path, "must be true or false");
      return fallback;
    }
    return node.asBoolean();
  }

  /** A Go duration ("30s", "5m", "1h30m") or a plain number of seconds, as Argo accepts. */
  Optional<Duration> duration(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (node.isIntegralNumber()) {
      return Optional.of(Duration.ofSeconds(node.asLong()));
    }
    Optional<Duration> parsed =
        node.isTextual() ? parseGoDuration(node.asText()) : Optional.empty();
    if (parsed.isEmpty()) {
      error(path, "'" + node.asText() + "' is not a duration (e.g. 30s, 5m, 1h30m)");
    }
    return parsed;
  }

  /** Argo also accepts a bare number of seconds where Go's syntax needs a unit. */
  static Optional<Duration> parseGoDuration(String text) {
    if (text.matches("\\d+")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    return GoDuration.parse(text).filter(d -> !d.isNegative());
  }
}
