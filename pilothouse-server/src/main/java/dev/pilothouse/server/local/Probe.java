package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container probe as the local runtime runs it: an HTTP GET of {@code path} (2xx/3xx passes) or a
 * TCP connect, always against the pod's own {@code PORT} (the probe's declared port is ignored:
 * locally a pod listens only where Pilothouse told it to).
 *
 * @param httpPath the HTTP path, or null for a TCP connect
 * @param initialDelay how long after start before the first probe
 * @param failureThreshold consecutive failures that make the probe fail
 * @param timeout per-probe timeout
 */
record Probe(String httpPath, Duration initialDelay, int failureThreshold, Duration timeout) {

  /** Readiness without a declared probe: the port accepts connections. */
  static final Probe TCP = new Probe(null, Duration.ZERO, 3, Duration.ofSeconds(1));

  /** Reads {@code readinessProbe}/{@code livenessProbe}; null when absent. */
  static Probe parse(JsonNode probe) {
    if (probe == null || probe.isMissingNode() || probe.isNull()) {
      return null;
    }
    String path =
        probe.path("httpGet").isObject() ? probe.path("httpGet").path("path").asText("/") : null;
    return new Probe(
        path,
        Duration.ofSeconds(probe.path("initialDelaySeconds").asLong(0)),
        Math.max(1, probe.path("failureThreshold").asInt(3)),
        Duration.ofSeconds(Math.max(1, probe.path("timeoutSeconds").asLong(1))));
  }

  /** Runs the probe once against {@code 127.0.0.1:port}. */
  boolean check(HttpClient client, int port) {
    try {
      if (httpPath == null) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
          return true;
        }
      }
      String path = httpPath.startsWith("/") ? httpPath : "/" + httpPath;
      HttpResponse<Void> res =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return res.statusCode() >= 200 && res.statusCode() < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
