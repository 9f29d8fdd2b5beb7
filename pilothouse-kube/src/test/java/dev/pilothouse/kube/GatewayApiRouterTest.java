package dev.pilothouse.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.InMemoryMetricSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Canary weights written to Gateway API HTTPRoute backends (Argo's gatewayAPI plugin shape). */
class GatewayApiRouterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final MockCluster cluster = new MockCluster();
  private final KubeWorld world =
      new KubeWorld(
              "mock",
              cluster.client,
              cluster,
              new InMemoryMetricSource(),
              new KubeMetrics(new PrometheusRegistry()))
          .started();

  @AfterEach
  void close() throws Exception {
    world.close();
  }

  private static final String ROUTE =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: web-route, namespace: delivery}
      spec:
        parentRefs: [{name: gateway}]
        rules:
          - backendRefs:
            - {name: web-stable, port: 80, weight: 100}
            - {name: web-canary, port: 80, weight: 0}
      """;

  private static String rollout(String image) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: web, namespace: delivery}
    spec:
      replicas: 4
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: "%s"}]}
      strategy:
        canary:
          stableService: web-stable
          canaryService: web-canary
          trafficRouting:
            plugins:
              argoproj-labs/gatewayAPI:
                httpRoute: web-route
                namespace: delivery
          steps: [{setWeight: 30}, {pause: {}}]
    """
        .formatted(image);
  }

  private Map<String, Integer> weights() {
    JsonNode route =
        world.gateway.read(KubeKinds.HTTP_ROUTES, "delivery", "web-route").orElseThrow().json();
    Map<String, Integer> weights = new HashMap<>();
    route
        .path("spec")
        .path("rules")
        .forEach(rule ->
            rule.path("backendRefs")
                .forEach(
                    ref -> weights.put(ref.path("name").asText(), ref.path("weight").asInt())));
    return weights;
  }

  @Test
  void theCanaryWeightGoesToTheHttpRouteAndBackToStableOnAbort() {
    world.apply(ROUTE);
    world.apply(rollout("web:v1"));
    await().atMost(WAIT).until(() -> world.status("web").path("phase").asText().equals("Healthy"));
    world.apply(rollout("web:v2"));
    await().atMost(WAIT).until(() -> world.status("web").path("phase").asText().equals("Paused"));

    await().atMost(WAIT).until(() -> weights().equals(Map.of("web-stable", 70, "web-canary", 30)));
    String v1 = world.status("web").path("stableRS").asText();
    // With a router the stable ReplicaSet stays at full size: traffic, not pods, is split.
    assertThat(world.replicas("web", v1)).isEqualTo(4);

    world.abort("web");
    await().atMost(WAIT).until(() -> weights().equals(Map.of("web-stable", 100, "web-canary", 0)));
  }

  @Test
  void aRolloutWaitsForAMissingHttpRouteAndProceedsOnceItExists() {
    world.apply(rollout("web:v1"));
    // The weight cannot be set, so the rollout is not reported Healthy (the reconcile fails,
    // naming the route, and is retried with backoff).
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !world.status("web").path("phase").asText().equals("Healthy"));

    world.apply(ROUTE);
    await().atMost(WAIT).until(() -> world.status("web").path("phase").asText().equals("Healthy"));
    assertThat(weights()).isEqualTo(Map.of("web-stable", 100, "web-canary", 0));
  }
}
