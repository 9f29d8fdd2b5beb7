package dev.pilothouse.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricHistory;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.analysis.MetricSource;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Argo's {@code prometheus} provider: an instant query ({@code /api/v1/query}) against {@code
 * address}, with {@code timeout} (seconds, default 30) and {@code headers}. A vector becomes a list
 * of its sample values (empty when nothing matched), a scalar a number, a string a string.
 * Addresses can be remapped (e.g. a cluster DNS name to a reachable URL) with {@code
 * addressOverrides}, configured from {@code PILOTHOUSE_PROMETHEUS_ADDRESS_OVERRIDES}. {@link
 * #history} runs the same query as a range query ({@code /api/v1/query_range}) and needs it to
 * match exactly one series.
 */
public final class PrometheusMetricSource implements MetricSource {
  /** Environment variable holding {@code from=to,from=to} address overrides. */
  public static final String OVERRIDES_ENV = "PILOTHOUSE_PROMETHEUS_ADDRESS_OVERRIDES";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final Map<String, String> addressOverrides;

  /** A source using {@code client}, replacing each address key of the map by its value. */
  public PrometheusMetricSource(HttpClient client, Map<String, String> addressOverrides) {
    this.client = client;
    this.addressOverrides = Map.copyOf(addressOverrides);
  }

  /** Parses {@code from=to,from=to} (blank gives no overrides). */
  public static Map<String, String> parseOverrides(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(trimSlash(pair.substring(0, eq)), trimSlash(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  @Override
  public Measurement measure(MetricProvider provider, Map<String, String> context) {
    JsonNode config = provider.config();
    String address = trimSlash(config.path("address").asText(""));
    String query = config.path("query").asText("");
    String misconfigured = misconfiguration(address, query, config);
    if (misconfigured != null) {
      return Measurement.failure(Measurement.Reason.Misconfigured, misconfigured);
    }
    HttpRequest request = instant(address, query, config);
    return switch (HttpRequests.send(client, request)) {
      case HttpRequests.Outcome.Failed(Measurement failure) -> failure;
      // Prometheus answers a bad query with 400/422 and a JSON error: a BadResponse, not an outage.
      case HttpRequests.Outcome.Answer(int status, String body)
          when status / 100 == 2 || status == 400 || status == 422 ->
          PrometheusResponse.parse(body);
      case HttpRequests.Outcome.Answer(int status, String body) ->
          HttpRequests.rejected(request, status, body);
    };
  }

  @Override
  public MetricHistory history(
      MetricProvider provider,
      Map<String, String> context,
      Instant from,
      Instant to,
      Duration step) {
    JsonNode config = provider.config();
    String address = trimSlash(config.path("address").asText(""));
    String query = config.path("query").asText("");
    String misconfigured = misconfiguration(address, query, config);
    if (misconfigured != null) {
      return new MetricHistory.Unavailable(misconfigured);
    }
    String range =
        "/api/v1/query_range?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + "&start="
            + from.getEpochSecond()
            + "&end="
            + to.getEpochSecond()
            + "&step="
            + Math.max(1, step.toSeconds());
    HttpRequest request = request(address, range, config);
    return switch (HttpRequests.send(client, request)) {
      case HttpRequests.Outcome.Failed(Measurement.Failure failure) ->
          new MetricHistory.Unavailable(failure.message());
      case HttpRequests.Outcome.Failed(Measurement other) ->
          new MetricHistory.Unavailable("prometheus unreachable");
      case HttpRequests.Outcome.Answer(int status, String body)
          when status / 100 == 2 || status == 400 || status == 422 ->
          PrometheusResponse.parseRange(body);
      case HttpRequests.Outcome.Answer(int status, String body) ->
          new MetricHistory.Unavailable(
              "prometheus answered HTTP " + status + ": " + HttpRequests.abbreviate(body));
    };
  }

  /** Why this provider block cannot be queried, or null when it can. */
  private static String misconfiguration(String address, String query, JsonNode config) {
    if (address.isEmpty() || query.isBlank()) {
      return "prometheus needs both address and query";
    }
    if (config.has("authentication") && !config.path("authentication").isEmpty()) {
      return "prometheus authentication (sigv4, oauth2) is not supported yet; use headers";
    }
    return null;
  }

  private HttpRequest instant(String address, String query, JsonNode config) {
    return request(
        address, "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), config);
  }

  private HttpRequest request(String address, String pathAndQuery, JsonNode config) {
    String base = addressOverrides.getOrDefault(address, address);
    String url = base + pathAndQuery;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(HttpRequests.uri(url))
            .timeout(HttpRequests.timeout(config.path("timeout"), DEFAULT_TIMEOUT))
            .header("Accept", "application/json")
            .GET();
    HttpRequests.addHeaders(request, config.path("headers"));
    return request.build();
  }

  private static String trimSlash(String address) {
    String s = address.strip();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
