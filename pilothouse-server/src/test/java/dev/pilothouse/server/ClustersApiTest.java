package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.kube.KubeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/clusters}: registered clusters are listed even while unreachable. */
class ClustersApiTest {
  @TempDir Path dir;

  @Test
  void registeredClustersAreListedAndUnknownOnesAreNotFound() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    // Port 9 on loopback (discard) refuses connections: the cluster never syncs.
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: lab, context: {cluster: c, user: u}}]
        current-context: lab
        """);
    try (TestServer server = TestServer.start()) {
      assertThat(Json.parse(server.get("/api/v1/clusters").body()).path("items")).isEmpty();
      assertThat(portalPage(server, "/clusters")).contains("data-empty");
      server.server.withClusters(
          List.of(
              new KubeRuntime.ClusterConfig(
                  "lab", Optional.of(kubeconfig), Optional.of("lab"), false)),
          new KubeRuntime.Election("pilothouse", "pilothouse-controller", "test"));

      JsonNode items = Json.parse(server.get("/api/v1/clusters").body()).path("items");
      assertThat(items).hasSize(1);
      assertThat(items.get(0).path("name").asText()).isEqualTo("lab");
      assertThat(items.get(0).path("synced").asBoolean()).isFalse();
      assertThat(items.get(0).path("leader").asBoolean()).isFalse();
      assertThat(portalPage(server, "/clusters"))
          .contains("data-cluster=\"lab\"")
          .contains("not connected yet")
          .contains("on standby")
          .doesNotContain("data-empty");
      assertThat(server.get("/api/v1/clusters/elsewhere/rollouts").statusCode()).isEqualTo(404);
      assertThat(server.get("/api/v1/clusters/lab/rollouts").statusCode()).isEqualTo(503);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int rc =
          dev.pilothouse.cli.Main.run(
              new String[] {"clusters"},
              new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
              System.err,
              java.util.Map.of(
                  "PILOTHOUSE_SERVER",
                  server.server.url(),
                  "PILOTHOUSE_TOKEN",
                  server.adminToken,
                  "PILOTHOUSE_CONFIG",
                  dir.resolve("no-config").toString()));
      assertThat(rc).isZero();
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains("NAME")
          .contains("lab")
          .contains("false");
      String userToken = server.userToken("dev", false);
      assertThat(server.send("GET", "/api/v1/clusters", userToken, null, null).statusCode())
          .isEqualTo(403);
    }
  }

  /** The portal page at {@code path} as the platform admin sees it (session cookie = token). */
  private static String portalPage(TestServer server, String path) throws Exception {
    java.net.http.HttpResponse<String> res =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.server.url() + path))
                    .header("Cookie", "pilothouse_token=" + server.adminToken)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    return res.body();
  }
}
