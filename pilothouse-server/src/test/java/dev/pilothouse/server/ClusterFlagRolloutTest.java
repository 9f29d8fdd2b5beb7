package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.kube.KubeKinds;
import dev.pilothouse.kube.KubeRuntime;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flag rollouts in a registered Kubernetes cluster (fabric8's mock API server in a child JVM): the
 * cluster's controller moves the split of a flag in the server's store, in the environment named
 * like the rollout's namespace.
 */
class ClusterFlagRolloutTest {
  private static final String NS = "shop";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aFlagRolloutInAClusterMovesTheFlagSplitThroughItsStepsUndoesAndReportsAMissingVariant()
      throws Exception {
    try (MockClusterProcess mock = MockClusterProcess.start(dir);
        TestServer server = TestServer.start();
        KubernetesClient kube = mock.client()) {
      server.server.withClusters(
          List.of(mock.register(dir)),
          new KubeRuntime.Election("default", "pilothouse-controller", "test"));
      String flags =
          """
          {"apiVersion":"pilothouse.dev/v1alpha1","kind":"FeatureFlagSet",
           "metadata":{"name":"shop"},
           "spec":{"flags":{"new-checkout":{"state":"ENABLED",
             "variants":{"on":true,"off":false},"defaultVariant":"off"}}}}
          """;
      assertThat(
              server
                  .post(
                      "/apis/pilothouse.dev/v1alpha1/namespaces/" + NS + "/featureflagsets", flags)
                  .statusCode())
          .isEqualTo(201);

      create(kube, "checkout-release", "on");
      await(server, "checkout-release", r -> r.path("phase").asText().equals("Paused"));

      assertThat(targeting(server)).isEqualTo("{\"fractional\":[[\"on\",25],[\"off\",75]]}");
      assertThat(lastChangeBy(server)).isEqualTo("system:rollout/" + NS + "/checkout-release");
      assertThat(
              kube.genericKubernetesResources(KubeKinds.REPLICA_SETS)
                  .inNamespace(NS)
                  .list()
                  .getItems())
          .as("a flag rollout runs no pods")
          .isEmpty();

      var promoted =
          server.post(
              "/api/v1/clusters/lab/namespaces/" + NS + "/rollouts/checkout-release:promote", "{}");
      assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
      await(server, "checkout-release", r -> r.path("phase").asText().equals("Healthy"));
      assertThat(targeting(server)).isEqualTo("{\"fractional\":[[\"on\",100],[\"off\",0]]}");
      var evaluated =
          server.post(
              "/ofrep/v1/evaluate/flags/new-checkout?environment=" + NS,
              "{\"context\":{\"targetingKey\":\"user-1\"}}");
      assertThat(Json.parse(evaluated.body()).path("value").asBoolean()).isTrue();

      var undone =
          server.post(
              "/api/v1/clusters/lab/namespaces/" + NS + "/rollouts/checkout-release:undo", "{}");
      assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
      await(
          server,
          "checkout-release",
          r ->
              r.path("phase").asText().equals("Paused") && r.path("currentStepIndex").asInt() == 1);
      assertThat(targeting(server))
          .as("undo after completion runs the steps back to the variant it replaced")
          .isEqualTo("{\"fractional\":[[\"off\",25],[\"on\",75]]}");

      String before = targeting(server);
      create(kube, "typo-release", "v9");
      JsonNode typo =
          await(server, "typo-release", r -> r.path("message").asText().startsWith("ApplyFailed"));
      assertThat(typo.path("message").asText()).contains("flag 'new-checkout' has no variant 'v9'");
      assertThat(targeting(server)).isEqualTo(before);
    }
  }

  /** Creates a flag Rollout in the cluster (a 25% step, then a pause). */
  private static void create(KubernetesClient kube, String name, String canaryVariant) {
    GenericKubernetesResource doc =
        kube.getKubernetesSerialization()
            .unmarshal(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: %s, namespace: %s}
                spec:
                  strategy:
                    canary:
                      trafficRouting:
                        plugins:
                          pilothouse.dev/flag:
                            {flag: new-checkout, canaryVariant: "%s", stableVariant: "off"}
                      steps: [{setWeight: 25}, {pause: {}}]
                """
                    .formatted(name, NS, canaryVariant),
                GenericKubernetesResource.class);
    kube.genericKubernetesResources(KubeKinds.ROLLOUTS).inNamespace(NS).resource(doc).create();
  }

  private static JsonNode await(TestServer server, String name, Predicate<JsonNode> condition)
      throws Exception {
    return LocalFixture.await(
        "cluster rollout " + name,
        WAIT,
        () -> {
          var res = server.get("/api/v1/clusters/lab/rollouts?namespace=" + NS);
          if (res.statusCode() != 200) {
            return Json.object();
          }
          for (JsonNode r : Json.parse(res.body()).path("items")) {
            if (r.path("name").asText().equals(name)) {
              return r;
            }
          }
          return Json.object();
        },
        condition);
  }

  private static String targeting(TestServer server) throws Exception {
    return Json.parse(server.get("/api/v1/namespaces/" + NS + "/flags/new-checkout").body())
        .path("targeting")
        .toString();
  }

  private static String lastChangeBy(TestServer server) throws Exception {
    return Json.parse(
            server.get("/api/v1/flags/new-checkout/history?environment=" + NS + "&limit=1").body())
        .path("items")
        .path(0)
        .path("attributes")
        .path("actor")
        .asText();
  }
}
