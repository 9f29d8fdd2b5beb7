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
  static final String SUCCESS_RATE_TEMPLATE =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: proxy-success-rate}
      spec:
        args: [{name: service}, {name: canary-hash}]
        metrics:
        - name: success-rate
          interval: 2s
          count: 3
          failureLimit: 0
          consecutiveErrorLimit: 3
          successCondition: result >= 0.95
          provider:
            proxy:
              service: "{{args.service}}"
              version: "{{args.canary-hash}}"
              metric: success-rate
              window: 10s
      """;

  /** 50% with the proxy analysis, then 100%. */
  static final String ANALYSED_STEPS =
      "[{setWeight: 50}, {analysis: {templates: [{templateName: proxy-success-rate}], args:"
          + " [{name: service, value: guard}, {name: canary-hash, valueFrom:"
          + " {podTemplateHashValue: Latest}}]}}, {setWeight: 100}]";

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

  static String service(String name, String app, int port) {
    return """
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
     "spec":{"selector":{"app":"%s"},"ports":[{"port":%d}]}}\
    """
        .formatted(name, app, port);
  }

  /** A demo rollout routed by the proxy; {@code env} is a YAML flow list of env entries. */
  static String rollout(String name, int replicas, String version, String env, String steps) {
    return Json.write(
        Yaml.readAll(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      - name: demo
                        image: "pilothouse/demo:%s"
                        env: %s
                        readinessProbe: {httpGet: {path: /healthz, port: 8080}}
                  strategy:
                    canary:
                      scaleDownDelaySeconds: 2
                      trafficRouting: {plugins: {pilothouse.dev/proxy: {}}}
                      steps: %s
                """
                    .formatted(name, replicas, name, name, version, env, steps),
                "test")
            .getFirst());
  }

  static String imagePatch(String version, String env) {
    return Json.write(
        Yaml.readAll(
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
                    .formatted(version, env),
                "test")
            .getFirst());
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
