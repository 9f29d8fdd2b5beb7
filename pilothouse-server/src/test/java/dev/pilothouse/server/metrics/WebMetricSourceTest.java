package dev.pilothouse.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebMetricSourceTest {
  private static HttpServer server;
  private static final AtomicReference<String> lastRequest = new AtomicReference<>("");
  private final WebMetricSource source = new WebMetricSource(HttpClient.newHttpClient());

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          lastRequest.set(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-Token")
                  + " "
                  + body);
          respond(
              exchange, 200, "{\"data\": {\"ok\": true, \"rate\": 0.97, \"items\": [1, 2, 3]}}");
        });
    server.createContext("/down", exchange -> respond(exchange, 503, "maintenance"));
    server.createContext("/text", exchange -> respond(exchange, 200, "hello"));
    server.start();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static ObjectNode config(String path) {
    return Json.object().put("url", "http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private Measurement measure(ObjectNode config) {
    return source.measure(new MetricProvider("web", config), Map.of());
  }

  @Test
  void jsonPathInKubernetesTemplateStylePicksTheValue() {
    assertThat(measure(config("/health").put("jsonPath", "{$.data.ok}")))
        .isEqualTo(Measurement.value(true));
    assertThat(measure(config("/health").put("jsonPath", "$.data.rate")))
        .isEqualTo(Measurement.value(0.97));
    assertThat(measure(config("/health").put("jsonPath", "{$.data.items}")))
        .isInstanceOfSatisfying(
            Measurement.Value.class, v -> assertThat(v.value()).isEqualTo(List.of(1, 2, 3)));
  }

  @Test
  void withoutJsonPathTheWholeDocumentIsTheResult() {
    assertThat(measure(config("/health")))
        .isInstanceOfSatisfying(
            Measurement.Value.class, v -> assertThat(v.value()).isInstanceOf(Map.class));
  }

  @Test
  void postSendsTheJsonBodyAndHeaders() {
    ObjectNode c = config("/health").put("method", "POST").put("jsonPath", "{$.data.ok}");
    c.putObject("jsonBody").put("service", "my-app");
    c.putArray("headers").addObject().put("key", "X-Token").put("value", "secret");
    assertThat(measure(c)).isEqualTo(Measurement.value(true));
    assertThat(lastRequest.get()).isEqualTo("POST secret {\"service\":\"my-app\"}");
  }

  @Test
  void aMissingFieldIsABadResponse() {
    assertThat(measure(config("/health").put("jsonPath", "{$.data.nope}")))
        .isInstanceOfSatisfying(
            Measurement.Failure.class,
            f -> assertThat(f.reason()).isEqualTo(Measurement.Reason.BadResponse));
  }

  @Test
  void aNon2xxAnswerIsUnavailable() {
    assertThat(measure(config("/down")))
        .isInstanceOfSatisfying(
            Measurement.Failure.class,
            f -> {
              assertThat(f.reason()).isEqualTo(Measurement.Reason.Unavailable);
              assertThat(f.message()).contains("HTTP 503").contains("maintenance");
            });
  }

  @Test
  void aNonJsonAnswerIsABadResponse() {
    assertThat(measure(config("/text").put("jsonPath", "{$.a}")))
        .isInstanceOf(Measurement.Failure.class);
  }

  @Test
  void aMissingUrlIsAMisconfiguration() {
    assertThat(source.measure(new MetricProvider("web", Json.object()), Map.of()))
        .isInstanceOfSatisfying(
            Measurement.Failure.class,
            f -> assertThat(f.reason()).isEqualTo(Measurement.Reason.Misconfigured));
  }
}
