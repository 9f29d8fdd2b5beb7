package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A thin JSON client of the Pilothouse HTTP API: bearer auth, timeouts, and error responses turned
 * into {@link ApiException}. Paths are absolute, e.g. {@code /api/v1/whoami}.
 */
public final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String server;
  private final String token;
  private final HttpClient http;

  /**
   * @param server base URL, e.g. {@code http://127.0.0.1:8080}
   * @param token bearer token, or null to send none
   */
  public ApiClient(String server, String token) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
    // HTTP/1.1 because the JDK's default h2c upgrade attempt on plain http buys nothing here.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  public String server() {
    return server;
  }

  public JsonNode get(String path) {
    return send(request(path).GET());
  }

  public JsonNode post(String path, JsonNode body) {
    return send(request(path).POST(json(body)).header("Content-Type", "application/json"));
  }

  public JsonNode put(String path, JsonNode body) {
    return send(request(path).PUT(json(body)).header("Content-Type", "application/json"));
  }

  /** Sends a JSON merge patch (RFC 7396). */
  public JsonNode patch(String path, JsonNode body) {
    return send(
        request(path)
            .method("PATCH", json(body))
            .header("Content-Type", "application/merge-patch+json"));
  }

  public JsonNode delete(String path) {
    return send(request(path).DELETE());
  }

  /**
   * Streams a watch: calls {@code onEvent} with each newline-delimited JSON event as it arrives,
   * skipping blank keep-alive lines, and returns when the server ends the stream.
   */
  public void watch(String path, Consumer<JsonNode> onEvent) {
    HttpRequest request = authorized(HttpRequest.newBuilder(uri(path))).GET().build();
    HttpResponse<Stream<String>> response = exchange(request, BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw ApiException.of(
            response.statusCode(), lines.collect(Collectors.joining("\n")), server);
      }
      lines.filter(line -> !line.isBlank()).map(Json::parse).forEach(onEvent);
    }
  }

  /**
   * Streams a text response line by line (a followed log): calls {@code onLine} with each complete
   * line as it arrives and returns, when the server ends the stream, the byte offset just after the
   * last complete line, counted from the offset the server names in {@code offsetHeader}.
   */
  public long followLines(String path, String offsetHeader, Consumer<String> onLine) {
    HttpRequest request = authorized(HttpRequest.newBuilder(uri(path))).GET().build();
    HttpResponse<InputStream> response = exchange(request, BodyHandlers.ofInputStream());
    try (InputStream in = new BufferedInputStream(response.body())) {
      if (response.statusCode() / 100 != 2) {
        throw ApiException.of(
            response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), server);
      }
      long offset = response.headers().firstValueAsLong(offsetHeader).orElse(0);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        offset += line.size() + 1;
        onLine.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
      }
      return offset;
    } catch (IOException e) {
      throw new CliException(
          "stream from " + request.uri() + " broke: " + e.getMessage(), CliException.FAILURE, e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return authorized(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT));
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    builder.header("Accept", "application/json");
    if (token != null && !token.isBlank()) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private URI uri(String path) {
    try {
      return URI.create(server + path);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid server URL '" + server + "': " + e.getMessage());
    }
  }

  private static BodyPublisher json(JsonNode body) {
    return BodyPublishers.ofByteArray(Json.writeBytes(body));
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpResponse<String> response = exchange(builder.build(), BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw ApiException.of(response.statusCode(), response.body(), server);
    }
    String body = response.body();
    return body == null || body.isBlank() ? Json.object() : Json.parse(body);
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(e);
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw unreachable(e);
      }
      throw new CliException(
          "request to " + request.uri() + " failed: " + e.getMessage(), CliException.FAILURE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", CliException.FAILURE, e);
    }
  }

  private CliException unreachable(IOException e) {
    return new CliException(
        "cannot reach Pilothouse at "
            + server
            + " (is it running? start it with ./pilothouse serve)",
        CliException.FAILURE,
        e);
  }
}
