package dev.pilothouse.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.analysis.MetricSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Argo's {@code web} provider: calls {@code url} with {@code method} (GET default, POST, PUT),
 * {@code headers}, {@code body} or {@code jsonBody}, within {@code timeoutSeconds} (default 10),
 * and picks the value out of the JSON answer with {@code jsonPath} (Kubernetes template style,
 * {@code {$.data.ok}}; the whole document when absent). A non-2xx answer is an Error measurement.
 */
public final class WebMetricSource implements MetricSource {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;

  /** A source using {@code client}. */
  public WebMetricSource(HttpClient client) {
    this.client = client;
  }

  @Override
  public Measurement measure(MetricProvider provider, Map<String, String> context) {
    JsonNode config = provider.config();
    String url = config.path("url").asText("");
    if (url.isBlank()) {
      return Measurement.failure(Measurement.Reason.Misconfigured, "web needs a url");
    }
    HttpRequest request;
    try {
      request = request(url, config);
    } catch (IllegalArgumentException e) {
      return Measurement.failure(Measurement.Reason.Misconfigured, e.getMessage());
    }
    return switch (HttpRequests.send(client, request)) {
      case HttpRequests.Outcome.Failed(Measurement failure) -> failure;
      case HttpRequests.Outcome.Answer(int status, String body) when status / 100 == 2 ->
          select(body, config.path("jsonPath").asText(""));
      case HttpRequests.Outcome.Answer(int status, String body) ->
          HttpRequests.rejected(request, status, body);
    };
  }

  private static HttpRequest request(String url, JsonNode config) {
    String method = config.path("method").asText("GET").toUpperCase(Locale.ROOT);
    String body =
        config.has("jsonBody") ? config.get("jsonBody").toString() : config.path("body").asText("");
    HttpRequest.BodyPublisher publisher =
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(HttpRequests.uri(url))
            .timeout(HttpRequests.timeout(config.path("timeoutSeconds"), DEFAULT_TIMEOUT))
            .header("Accept", "application/json")
            .method(method, publisher);
    if (!body.isEmpty()) {
      request.header("Content-Type", "application/json");
    }
    HttpRequests.addHeaders(request, config.path("headers"));
    return request.build();
  }

  /** The value at {@code jsonPath} ({@code {$.a.b}} or {@code $.a.b}) in the JSON body. */
  static Measurement select(String body, String jsonPath) {
    String path = jsonPath.strip();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1).strip();
    }
    if (path.isEmpty()) {
      path = "$";
    }
    try {
      return Measurement.value(JsonPath.read(body, path));
    } catch (InvalidPathException e) {
      // PathNotFoundException is an InvalidPathException: the answer lacks the field.
      return Measurement.failure(
          Measurement.Reason.BadResponse, "jsonPath " + jsonPath + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return Measurement.failure(
          Measurement.Reason.BadResponse, "not JSON: " + HttpRequests.abbreviate(body));
    }
  }
}
