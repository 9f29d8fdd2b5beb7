package dev.pilothouse.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.Measurement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Shared HTTP plumbing of the metric providers: Argo's {@code headers: [{key, value}]}, a timeout,
 * and turning transport problems into {@link Measurement.Failure}s instead of exceptions.
 */
final class HttpRequests {
  private HttpRequests() {}

  /** The outcome of one request: an answer with any status, or the failure to report. */
  sealed interface Outcome {
    record Answer(int status, String text) implements Outcome {}

    record Failed(Measurement failure) implements Outcome {}
  }

  /** The failure a non-2xx answer stands for. */
  static Measurement rejected(HttpRequest request, int status, String body) {
    return Measurement.failure(
        Measurement.Reason.Unavailable,
        "%s answered HTTP %d: %s".formatted(request.uri(), status, abbreviate(body)));
  }

  static void addHeaders(HttpRequest.Builder request, JsonNode headers) {
    headers.forEach(h -> request.header(h.path("key").asText(), h.path("value").asText()));
  }

  static Duration timeout(JsonNode seconds, Duration fallback) {
    return seconds.canConvertToLong() && seconds.asLong() > 0
        ? Duration.ofSeconds(seconds.asLong())
        : fallback;
  }

  static Outcome send(HttpClient client, HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Outcome.Answer(response.statusCode(), response.body());
    } catch (HttpTimeoutException e) {
      return failed(request.uri() + " timed out after " + request.timeout().orElse(null));
    } catch (IOException e) {
      return failed(request.uri() + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted while querying " + request.uri());
    }
  }

  static URI uri(String text) {
    return URI.create(text.strip());
  }

  private static Outcome failed(String message) {
    return new Outcome.Failed(Measurement.failure(Measurement.Reason.Unavailable, message));
  }

  static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
