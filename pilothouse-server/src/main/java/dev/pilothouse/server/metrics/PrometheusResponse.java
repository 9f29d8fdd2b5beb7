package dev.pilothouse.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricHistory;
import dev.pilothouse.core.error.BadRequestException;
import dev.pilothouse.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Prometheus {@code /api/v1/query} JSON answer into a measurement, and a {@code
 * /api/v1/query_range} answer into a {@link MetricHistory}.
 */
final class PrometheusResponse {
  private PrometheusResponse() {}

  static Measurement parse(String body) {
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (BadRequestException | IllegalArgumentException e) {
      return bad("not JSON: " + HttpRequests.abbreviate(body));
    }
    if (!"success".equals(root.path("status").asText())) {
      return bad("query failed: " + root.path("error").asText(HttpRequests.abbreviate(body)));
    }
    try {
      return value(root.path("data"));
    } catch (NumberFormatException e) {
      return bad("not a number: " + e.getMessage());
    }
  }

  /**
   * A range answer as one series' history: no series is an empty history, several series are
   * unusable (a detector follows one series).
   */
  static MetricHistory parseRange(String body) {
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (BadRequestException | IllegalArgumentException e) {
      return new MetricHistory.Unavailable("not JSON: " + HttpRequests.abbreviate(body));
    }
    if (!"success".equals(root.path("status").asText())) {
      return new MetricHistory.Unavailable(
          "query failed: " + root.path("error").asText(HttpRequests.abbreviate(body)));
    }
    JsonNode result = root.path("data").path("result");
    if (!"matrix".equals(root.path("data").path("resultType").asText())) {
      return new MetricHistory.Unavailable("a range query answered no matrix");
    }
    if (result.size() > 1) {
      return new MetricHistory.Unavailable(
          "the query matched " + result.size() + " series, not one");
    }
    List<MetricHistory.Point> points = new ArrayList<>();
    try {
      for (JsonNode v : result.path(0).path("values")) {
        points.add(
            new MetricHistory.Point(
                Instant.ofEpochMilli(Math.round(v.path(0).asDouble() * 1000)),
                number(v.path(1).asText())));
      }
    } catch (NumberFormatException e) {
      return new MetricHistory.Unavailable("not a number: " + e.getMessage());
    }
    return new MetricHistory.Points(points);
  }

  private static Measurement value(JsonNode data) {
    JsonNode result = data.path("result");
    return switch (data.path("resultType").asText()) {
      case "vector" -> vector(result);
      case "scalar" -> Measurement.value(number(result.path(1).asText()));
      case "string" -> Measurement.value(result.path(1).asText());
      case "matrix" -> bad("range vectors (matrix) are not supported: use an instant query");
      default -> bad("unknown resultType '" + data.path("resultType").asText() + "'");
    };
  }

  private static Measurement vector(JsonNode result) {
    List<Double> values = new ArrayList<>();
    result.forEach(sample -> values.add(number(sample.path("value").path(1).asText())));
    return Measurement.value(values);
  }

  /** Prometheus renders special floats as NaN, +Inf and -Inf. */
  static double number(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static Measurement bad(String message) {
    return Measurement.failure(Measurement.Reason.BadResponse, message);
  }
}
