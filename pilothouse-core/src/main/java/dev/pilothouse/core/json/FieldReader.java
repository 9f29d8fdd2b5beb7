package dev.pilothouse.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.GoDuration;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed fields from a document while collecting every problem with its path, so one
 * validation error names all bad fields at once. Integers may also be written as strings of digits
 * (Kubernetes' int-or-string); durations as Go durations ({@code 250ms}, {@code 1h30m}) or bare
 * seconds. With {@code acceptPlaceholders}, values still holding a {@code {{args.…}}} placeholder
 * are left unchecked (analysis templates are checked again after substitution).
 */
public final class FieldReader {
  private final List<FieldError> errors = new ArrayList<>();
  private final boolean acceptPlaceholders;

  /** A reader; {@code acceptPlaceholders} lets {@code {{…}}} values through unchecked. */
  public FieldReader(boolean acceptPlaceholders) {
    this.acceptPlaceholders = acceptPlaceholders;
  }

  /** Records a problem. */
  public void error(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  /** The problems recorded so far. */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Whether any problem was recorded. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /**
   * @throws ValidationException naming every recorded problem, if any
   */
  public void throwIfErrors() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** Whether a value still holds a template placeholder. */
  public static boolean isPlaceholder(JsonNode node) {
    return node.isTextual() && node.asText().contains("{{");
  }

  /** A string field ("" when absent or wrong). */
  public String text(JsonNode node, String path, boolean required) {
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

  /** An integer of at least {@code min}; empty when absent, unresolved or wrong. */
  public Optional<Integer> integer(JsonNode node, String path, int min) {
    return integer(node, path, min, Integer.MAX_VALUE);
  }

  /** An integer in {@code min..max}; empty when absent, unresolved or wrong. */
  public Optional<Integer> integer(JsonNode node, String path, int min, int max) {
    if (absent(node)) {
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
    if (value < min || value > max) {
      error(
          path,
          max == Integer.MAX_VALUE ? "must be at least " + min : "must be " + min + ".." + max);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** A boolean, {@code false} when absent. */
  public boolean bool(JsonNode node, String path) {
    return bool(node, path, false);
  }

  /** A boolean, {@code fallback} when absent. */
  public boolean bool(JsonNode node, String path, boolean fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      error(path, "must be true or false");
      return fallback;
    }
    return node.asBoolean();
  }

  /** A non-negative duration; empty when absent, unresolved or wrong. */
  public Optional<Duration> duration(JsonNode node, String path) {
    if (absent(node)) {
      return Optional.empty();
    }
    Optional<Duration> parsed = Optional.empty();
    if (node.isIntegralNumber() || (node.isTextual() && node.asText().matches("\\d+"))) {
      parsed = Optional.of(Duration.ofSeconds(node.asLong())); // Argo accepts bare seconds
    } else if (node.isTextual()) {
      parsed = GoDuration.parse(node.asText()).filter(d -> !d.isNegative());
    }
    if (parsed.isEmpty()) {
      error(path, "'" + node.asText() + "' is not a duration (e.g. 250ms, 10s, 5m, 1h30m)");
    }
    return parsed;
  }

  private boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull() || (acceptPlaceholders && isPlaceholder(node));
  }
}
