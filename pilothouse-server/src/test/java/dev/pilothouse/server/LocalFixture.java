package dev.pilothouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Documents and helpers for the local runtime's end-to-end tests. */
final class LocalFixture {
  static final String ROLLOUTS = "/apis/argoproj.io/v1alpha1/namespaces/%s/rollouts";
  static final String SERVICES = "/apis/core/v1/namespaces/%s/services";

  /** Success rate of the canary through the proxy, measured every 2 s, three times. */
  static final String SUCCESS_RATE_TEMPLATE = DemoStory.successRateTemplate("2s");

  /** 50% with the proxy analysis, then 100%. */
  static final String ANALYSED_STEPS =
      "[{setWeight: 50}, " + DemoStory.analysisStep("guard") + ", {setWeight: 100}]";

  private LocalFixture() {}

  /**
   * A free loopback port for a Service, below Linux's ephemeral range (32768 and up): the port is
   * free again between this pick and the proxy's bind, and a port from the ephemeral range can be
   * taken meanwhile by any outgoing connection on the machine; ports below it only by an explicit
   * bind.
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + RANDOM.nextInt(12_000);
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static final java.util.Random RANDOM = new java.util.Random();

  /** The demo's Service as JSON. */
  static String service(String name, String app, int port) {
    return json(DemoStory.service(name, app, port));
  }

  /**
   * The demo's Rollout as JSON, with a 2 s scale-down delay and no liveness probe (a test that
   * counts restarts must see only its own); {@code env} and {@code steps} are YAML flow lists.
   */
  static String rollout(String name, int replicas, String version, String env, String steps) {
    return json(DemoStory.rollout(name, replicas, version, env, steps, 2, false));
  }

  private static String json(String yaml) {
    return Json.write(Yaml.readAll(yaml, "test").getFirst());
  }

  static String imagePatch(String version, String env) {
    return json(
        """
        spec:
          template:
            spec:
              containers:
              - name: demo
                image: "pilothouse/demo:%s"
                env: %s
                readinessProbe: {httpGet: {path: /healthz, port: 8080}}
        """
            .formatted(version, env));
  }

  interface Getter {
    JsonNode get() throws Exception;
  }

  static JsonNode await(String what, Duration timeout, Getter getter, Predicate<JsonNode> ok)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = getter.get();
      if (ok.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + " did not happen in " + timeout + "; last: " + last);
  }

  /** GETs the proxy's port and returns the demo app's version, or the status when not 200. */
  static String call(HttpClient http, int port) {
    try {
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        return "status " + res.statusCode();
      }
      return Json.parse(res.body()).path("version").asText();
    } catch (IOException e) {
      return "failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
