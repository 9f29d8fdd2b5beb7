package dev.pilothouse.server.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.UnavailableException;
import dev.pilothouse.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Prometheus HTTP API client that keeps series labels (the analysis provider's parser drops
 * them): instant and range queries, with a count of round trips for benchmarks and tests.
 */
public final class PrometheusQueries {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient client;
  private final AtomicLong roundTrips = new AtomicLong();

  /** A client over {@code client}. */
  public PrometheusQueries(HttpClient client) {
    this.client = client;
  }

  /** One series of a vector: its labels and value (NaN kept as NaN). */
  public record Sample(Map<String, String> labels, double value) {}

  /** One series of a matrix: its labels and points. */
  public record Series(Map<String, String> labels, List<Point> points) {}

  /** A point of a range query. */
  public record Point(Instant time, double value) {}

  /** How many HTTP requests this client has sent. */
  public long roundTrips() {
    return roundTrips.get();
  }

  /**
   * An instant query.
   *
   * @throws UnavailableException when Prometheus cannot be reached or refuses the query
   */
  public List<Sample> instant(String base, String query) {
    JsonNode data = send(base, "/api/v1/query?query=" + encode(query));
    List<Sample> out = new ArrayList<>();
    for (JsonNode r : data.path("result")) {
      out.add(new Sample(labels(r.path("metric")), number(r.path("value").path(1))));
    }
    return out;
  }

  /**
   * A range query from {@code start} to {@code end} every {@code step}.
   *
   * @throws UnavailableException when Prometheus cannot be reached or refuses the query
   */
  public List<Series> range(String base, String query, Instant start, Instant end, Duration step) {
    JsonNode data =
        send(
            base,
            "/api/v1/query_range?query="
                + encode(query)
                + "&start="
                + start.getEpochSecond()
                + "&end="
                + end.getEpochSecond()
                + "&step="
                + Math.max(1, step.toSeconds()));
    List<Series> out = new ArrayList<>();
    for (JsonNode r : data.path("result")) {
      List<Point> points = new ArrayList<>();
      for (JsonNode v : r.path("values")) {
        points.add(
            new Point(
                Instant.ofEpochMilli((long) (v.path(0).asDouble() * 1000)), number(v.path(1))));
      }
      out.add(new Series(labels(r.path("metric")), points));
    }
    return out;
  }

  private JsonNode send(String base, String pathAndQuery) {
    String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    roundTrips.incrementAndGet();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UnavailableException("Prometheus at " + base + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while querying Prometheus", e);
    }
    JsonNode body;
    try {
      body = Json.parse(response.body());
    } catch (RuntimeException e) {
      throw new UnavailableException(
          "Prometheus at " + base + " answered HTTP " + response.statusCode() + " without JSON");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new UnavailableException(
          "Prometheus at "
              + base
              + " refused the query: "
              + body.path("errorType").asText("")
              + " "
              + body.path("error").asText("HTTP " + response.statusCode()));
    }
    return body.path("data");
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> out = new LinkedHashMap<>();
    metric.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static double number(JsonNode value) {
    String text = value.asText("NaN");
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
