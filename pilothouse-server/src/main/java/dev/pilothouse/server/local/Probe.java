package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.pilothouse.core.local.PortMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container probe as the local runtime runs it: {@code httpGet} (2xx/3xx passes; with {@code
 * scheme: HTTPS} over TLS without checking the certificate, as the kubelet does), {@code tcpSocket}
 * (a connect passes) or {@code exec} (exit code 0 passes), against {@code 127.0.0.1} and the pod's
 * loopback port that the probe's {@code port} maps to ({@link PortMap#resolve}).
 *
 * @param kind how it probes
 * @param target the HTTP path, or the exec command joined by NUL, or empty for TCP
 * @param headers HTTP headers to send
 * @param port the declared port reference (a name or a number)
 * @param initialDelay how long after start before the first probe
 * @param period time between probes; null when the template gave none (the runtime's default)
 * @param timeout per-probe timeout
 * @param failureThreshold consecutive failures that make a passing probe fail
 * @param successThreshold consecutive successes that make a failing probe pass
 */
record Probe(
    Kind kind,
    List<String> target,
    Map<String, String> headers,
    JsonNode port,
    Duration initialDelay,
    Duration period,
    Duration timeout,
    int failureThreshold,
    int successThreshold) {

  /** How a probe checks the pod. */
  enum Kind {
    HTTP,
    HTTPS,
    TCP,
    EXEC
  }

  /** Readiness without a declared probe: the main port accepts connections. */
  static final Probe DEFAULT_READINESS =
      new Probe(
          Kind.TCP,
          List.of(),
          Map.of(),
          MissingNode.getInstance(),
          Duration.ZERO,
          null,
          Duration.ofSeconds(1),
          3,
          1);

  /** Reads {@code readinessProbe}/{@code livenessProbe}; null when absent. */
  static Probe parse(JsonNode probe) {
    if (probe == null || probe.isMissingNode() || probe.isNull()) {
      return null;
    }
    Kind kind;
    JsonNode handler;
    List<String> target = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    if (probe.path("httpGet").isObject()) {
      handler = probe.path("httpGet");
      kind =
          handler.path("scheme").asText("HTTP").equalsIgnoreCase("HTTPS") ? Kind.HTTPS : Kind.HTTP;
      String path = handler.path("path").asText("/");
      target.add(path.startsWith("/") ? path : "/" + path);
      handler
          .path("httpHeaders")
          .forEach(h -> headers.put(h.path("name").asText(), h.path("value").asText()));
    } else if (probe.path("exec").isObject()) {
      kind = Kind.EXEC;
      handler = probe.path("exec");
      handler.path("command").forEach(c -> target.add(c.asText()));
    } else {
      kind = Kind.TCP;
      handler = probe.path("tcpSocket");
    }
    return new Probe(
        kind,
        List.copyOf(target),
        Map.copyOf(headers),
        handler.path("port"),
        seconds(probe, "initialDelaySeconds", 0, 0),
        probe.has("periodSeconds") ? seconds(probe, "periodSeconds", 1, 1) : null,
        seconds(probe, "timeoutSeconds", 1, 1),
        Math.max(1, probe.path("failureThreshold").asInt(3)),
        Math.max(1, probe.path("successThreshold").asInt(1)));
  }

  private static Duration seconds(JsonNode probe, String field, long min, long fallback) {
    return Duration.ofSeconds(Math.max(min, probe.path(field).asLong(fallback)));
  }

  /**
   * Runs the probe once against the pod's port for {@link #port}.
   *
   * @param env the pod's environment, for exec probes
   */
  boolean check(HttpClient client, PortMap ports, Map<String, String> env) {
    int local = ports.resolve(port);
    try {
      return switch (kind) {
        case TCP -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", local), (int) timeout.toMillis());
            yield true;
          }
        }
        case HTTP -> http(client, "http", local);
        case HTTPS -> http(InsecureHttps.CLIENT, "https", local);
        case EXEC -> exec(env);
      };
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean http(HttpClient client, String scheme, int local)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + local + target.getFirst()))
            .timeout(timeout)
            .GET();
    headers.forEach(request::header);
    HttpResponse<Void> res = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    return res.statusCode() >= 200 && res.statusCode() < 400;
  }

  private boolean exec(Map<String, String> env) throws IOException, InterruptedException {
    if (target.isEmpty()) {
      return false;
    }
    ProcessBuilder pb =
        new ProcessBuilder(target)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process process = pb.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return false;
    }
    return process.exitValue() == 0;
  }
}
