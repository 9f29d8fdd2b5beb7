package dev.pilothouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures watch delivery latency: a writer creates objects at a fixed rate, each stamped with its
 * send time (System.nanoTime, same JVM); an HTTP watch on loopback records when each event arrives.
 * Latency = arrival - send, so it includes the create's own round trip.
 */
final class WatchLatency {
  /** Percentiles of delivery latency in milliseconds. */
  record Result(int events, double p50, double p99, double max) {}

  private WatchLatency() {}

  static Result measure(String baseUrl, String token, String namespace, int count, int perSecond)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String path = baseUrl + "/apis/core/v1/namespaces/" + namespace + "/configmaps";
    long from =
        Json.parse(
                send(
                        http,
                        HttpRequest.newBuilder(URI.create(path))
                            .header("Authorization", "Bearer " + token)
                            .GET(),
                        token)
                    .body())
            .path("metadata")
            .path("resourceVersion")
            .asLong();
    double[] latencies = new double[count];
    CountDownLatch done = new CountDownLatch(count);
    HttpRequest watch =
        HttpRequest.newBuilder(URI.create(path + "?watch=true&resourceVersion=" + from))
            .header("Authorization", "Bearer " + token)
            .build();
    HttpResponse<java.io.InputStream> stream =
        http.send(watch, HttpResponse.BodyHandlers.ofInputStream());
    Thread reader = Thread.ofVirtual().start(() -> read(stream, latencies, done));
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      next += interval;
      String body =
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"lat-"
              + i
              + "\",\"annotations\":{\"bench/sent\":\""
              + System.nanoTime()
              + "\",\"bench/index\":\""
              + i
              + "\"}}}";
      send(
          http,
          HttpRequest.newBuilder(URI.create(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)),
          token);
    }
    boolean all = done.await(30, TimeUnit.SECONDS);
    reader.interrupt();
    stream.body().close();
    if (!all) {
      throw new IllegalStateException(
          "only " + (count - done.getCount()) + " of " + count + " events arrived");
    }
    Arrays.sort(latencies);
    return new Result(
        count,
        latencies[count / 2],
        latencies[(int) Math.ceil(count * 0.99) - 1],
        latencies[count - 1]);
  }

  /** Creates one ConfigMap and returns its path (a fixed object for the GET phase). */
  static String createTarget(String baseUrl, String token, String namespace, String name)
      throws Exception {
    String path = "/apis/core/v1/namespaces/" + namespace + "/configmaps";
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
            + name
            + "\"},\"data\":{\"k\":\"v\"}}";
    send(
        HttpClient.newHttpClient(),
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        token);
    return path + "/" + name;
  }

  private static void read(
      HttpResponse<java.io.InputStream> stream, double[] latencies, CountDownLatch done) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        long now = System.nanoTime();
        if (line.isBlank()) {
          continue;
        }
        JsonNode annotations = Json.parse(line).path("object").path("metadata").path("annotations");
        if (annotations.has("bench/index")) {
          latencies[annotations.path("bench/index").asInt()] =
              (now - annotations.path("bench/sent").asLong()) / 1e6;
          done.countDown();
        }
      }
    } catch (java.io.IOException e) {
      // the stream is closed when the measurement ends
    }
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder b, String token)
      throws Exception {
    HttpResponse<String> res =
        http.send(
            b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() >= 300) {
      throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
    }
    return res;
  }
}
