package dev.pilothouse.core.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.FieldReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Field reading shared by the SLO parsers. Keys are accepted in camelCase and in Sloth's snake_case
 * ({@code errorQuery} or {@code error_query}) since both spellings circulate.
 */
final class SpecReader {
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  static final Pattern SLO_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
  private static final Duration LONGEST_WINDOW = Duration.ofDays(3);

  final FieldReader fields = new FieldReader(false);

  /** The child named {@code camel} or its snake_case spelling. */
  static JsonNode get(JsonNode node, String camel) {
    JsonNode value = node.path(camel);
    return value.isMissingNode() ? node.path(snake(camel)) : value;
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  String name(JsonNode node, String path, Pattern pattern) {
    String value = fields.text(node, path, true);
    if (!value.isEmpty() && !pattern.matcher(value).matches()) {
      fields.error(path, "must match " + pattern.pattern());
    }
    return value;
  }

  /** A percentage strictly between 0 and 100. */
  BigDecimal percent(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      fields.error(path, "is required");
      return BigDecimal.ZERO;
    }
    if (!node.isNumber()
        || node.decimalValue().signum() <= 0
        || node.decimalValue().doubleValue() >= 100) {
      fields.error(path, "must be between 0 and 100");
      return BigDecimal.ZERO;
    }
    return node.decimalValue().stripTrailingZeros();
  }

  /** A query holding Sloth's window placeholder. */
  String windowQuery(JsonNode node, String path) {
    String query = fields.text(node, path, true).strip();
    if (!query.isEmpty() && !Windows.PLACEHOLDER.matcher(query).find()) {
      fields.error(path, "must use the {{.window}} placeholder, e.g. rate(x[{{.window}}])");
    }
    return query;
  }

  /** A period of at least the longest alert window (3d); 30d when absent. */
  Duration period(JsonNode node, String path, Duration fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    Optional<Duration> d = PromDuration.parse(node.asText());
    if (d.isEmpty() || d.get().compareTo(LONGEST_WINDOW) < 0) {
      fields.error(path, "must be a duration of at least 3d, e.g. 30d");
      return fallback;
    }
    return d.get();
  }

  Map<String, String> labels(JsonNode node, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      fields.error(path, "must be a map of strings");
      return out;
    }
    node.properties()
        .forEach(e -> {
          if (!LABEL_NAME.matcher(e.getKey()).matches()) {
            fields.error(path + "." + e.getKey(), "is not a valid label name");
          }
          out.put(e.getKey(), e.getValue().asText());
        });
    return out;
  }

  OptionalLong minEvents(JsonNode node, String path) {
    return fields.integer(node, path, 0).map(OptionalLong::of).orElse(OptionalLong.empty());
  }
}
