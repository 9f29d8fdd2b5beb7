package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed fields from a spec while collecting every problem with its path, so one validation
 * error names all bad fields. Values still holding a {@code {{args.…}}} placeholder are accepted
 * unchecked: templates are only fully checked after their arguments are substituted.
 */
final class FieldReader {
  private final List<FieldError> errors = new ArrayList<>();

  void error(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  void throwIfErrors() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  static boolean isPlaceholder(JsonNode node) {
    return node.isTextual() && node.asText().contains("{{");
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

  /** An int or a string holding one (Argo's intstr fields), or empty when absent/unresolved. */
  Optional<Integer> integer(JsonNode node, String path, int min) {
    if (node.isMissingNode() || node.isNull() || isPlaceholder(node)) {
      return Optional.empty();
    }
    Integer value = null;
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      value = node.asInt();
    } else if (node.isTextual() && node.asText().matches("-?\\d{1,9}")) {
      value = Integer.parseInt(node.asText());
    }
    if (value == null) {
      error(path, "must be an integer");
      return Optional.empty();
    }
    if (value < min) {
      error(path, "must be at least " + min);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  Optional<Duration> duration(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull() || isPlaceholder(node)) {
      return Optional.empty();
    }
    Optional<Duration> parsed =
        node.isTextual() ? GoDuration.parse(node.asText()) : Optional.empty();
    if (parsed.isEmpty() || parsed.get().isNegative()) {
      error(path, "'" + node.asText() + "' is not a duration (e.g. 250ms, 10s, 5m, 1h30m)");
      return Optional.empty();
    }
    return parsed;
  }

  boolean bool(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      error(path, "must be true or false");
      return false;
    }
    return node.asBoolean();
  }
}
