package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.kube.KubeKinds;
import dev.pilothouse.kube.KubeRuntime;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clusters page's promote and abort buttons drive a rollout in a Kubernetes cluster (fabric8's
 * mock API server in a child JVM: {@link MockClusterProcess}); the clusters API's undo puts an
 * earlier revision's template back.
 */
class ClusterPortalActionsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void promoteAndAbortButtonsOnTheClustersPageDriveAClusterRollout() throws Exception {
    try (MockClusterProcess mock = MockClusterProcess.start(dir);
        TestServer server = TestServer.start();
        KubernetesClient kube = mock.client()) {
      server.server.withClusters(
          List.of(mock.register(dir)),
          new KubeRuntime.Election("default", "pilothouse-controller", "test"));
      apply(kube, "web:v1");
      awaitPhase(server, "Healthy");

      apply(kube, "web:v2");
      awaitPhase(server, "Paused");
      assertThat(page(server, "/clusters"))
          .contains("action=\"/clusters/lab/delivery/web/promote\"")
          .contains("action=\"/clusters/lab/delivery/web/abort\"")
          .doesNotContain("action=\"/clusters/lab/delivery/web/retry\"");
      HttpResponse<String> promoted = post(server, "/clusters/lab/delivery/web/promote");
      assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(303);
      assertThat(promoted.headers().firstValue("Location")).hasValue("/clusters?done=promote");
      assertThat(page(server, "/clusters?done=promote")).contains("Promoted:");
      JsonNode healthy = awaitPhase(server, "Healthy");
      assertThat(healthy.path("stableRS").asText())
          .isEqualTo(healthy.path("currentPodHash").asText());

      apply(kube, "web:v3");
      awaitPhase(server, "Paused");
      assertThat(post(server, "/clusters/lab/delivery/web/abort").statusCode()).isEqualTo(303);
      awaitPhase(server, "Degraded");
      assertThat(page(server, "/clusters"))
          .contains("action=\"/clusters/lab/delivery/web/retry\"")
          .doesNotContain("action=\"/clusters/lab/delivery/web/promote\"");
      assertThat(post(server, "/clusters/elsewhere/delivery/web/promote").statusCode())
          .isEqualTo(404);

      var undone = server.post("/api/v1/clusters/lab/namespaces/delivery/rollouts/web:undo", "{}");
      assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
      awaitPhase(server, "Healthy");
      assertThat(
              kube.genericKubernetesResources(KubeKinds.ROLLOUTS)
                  .inNamespace("delivery")
                  .withName("web")
                  .get()
                  .getAdditionalProperties()
                  .get("spec")
                  .toString())
          .as("undo of the aborted v3 puts the stable v2 template back")
          .contains("web:v2")
          .doesNotContain("web:v3");
    }
  }

  /** Creates the Rollout {@code delivery/web} or changes its image (a 50% step, then a pause). */
  private static void apply(KubernetesClient kube, String image) {
    GenericKubernetesResource doc =
        kube.getKubernetesSerialization()
            .unmarshal(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: delivery}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: app, image: "%s"}]
                  strategy:
                    canary:
                      steps: [{setWeight: 50}, {pause: {}}]
                """
                    .formatted(image),
                GenericKubernetesResource.class);
    var rollouts = kube.genericKubernetesResources(KubeKinds.ROLLOUTS).inNamespace("delivery");
    if (rollouts.withName("web").get() == null) {
      rollouts.resource(doc).create();
    } else {
      rollouts
          .withName("web")
          .edit(r -> {
            r.setAdditionalProperty("spec", doc.getAdditionalProperties().get("spec"));
            return r;
          });
    }
  }

  private static JsonNode awaitPhase(TestServer server, String phase) throws Exception {
    return LocalFixture.await(
        "cluster rollout " + phase,
        WAIT,
        () -> {
          var res = server.get("/api/v1/clusters/lab/rollouts");
          return res.statusCode() == 200
              ? Json.parse(res.body()).path("items").path(0)
              : Json.object();
        },
        r -> r.path("phase").asText().equals(phase));
  }

  private static String page(TestServer server, String path) throws Exception {
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.server.url() + path))
                .header("Cookie", "pilothouse_token=" + server.adminToken)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    return res.body();
  }

  private static HttpResponse<String> post(TestServer server, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.server.url() + path))
            .header("Cookie", "pilothouse_token=" + server.adminToken)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(""))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
