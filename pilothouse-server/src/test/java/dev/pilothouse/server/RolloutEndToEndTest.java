package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rollouts driven by the real controller over embedded PostgreSQL, through the HTTP API. */
class RolloutEndToEndTest {
  private static final String ROLLOUTS = "/apis/argoproj.io/v1alpha1/namespaces/delivery/rollouts";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    for (String svc : new String[] {"web-stable", "web-canary", "gate-stable"}) {
      server.post(
          "/apis/core/v1/namespaces/delivery/services",
          "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\""
              + svc
              + "\"},\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80}]}}");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String rollout(String name, String stableService, String steps) {
    return Json.write(
        Yaml.readAll(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: %s}
                spec:
                  replicas: 4
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: "web:v1"}]
                  strategy:
                    canary:
                      stableService: %s
                      steps: %s
                """
                    .formatted(name, stableService, steps),
                "test")
            .getFirst());
  }

  @Test
  void canaryWalksItsStepsAndPromotesTheNewRevision() throws Exception {
    assertThat(
            server
                .post(
                    ROLLOUTS,
                    rollout(
                        "web",
                        "web-stable",
                        "[{setWeight: 20}, {pause: {duration: 1s}}, {setWeight: 50}, {pause: {duration: 1s}}, {setWeight: 100}]"))
                .statusCode())
        .isEqualTo(201);
    JsonNode v1 = await("web", s -> s.path("phase").asText().equals("Healthy"));

    setImage("web", "web:v2");
    JsonNode v2 =
        await(
            "web",
            s ->
                s.path("phase").asText().equals("Healthy")
                    && !s.path("stableRS").asText().equals(v1.path("stableRS").asText()));

    assertThat(v2.path("currentPodHash").asText()).isEqualTo(v2.path("stableRS").asText());
    assertThat(
            service("web-stable")
                .path("spec")
                .path("selector")
                .path("rollouts-pod-template-hash")
                .asText())
        .isEqualTo(v2.path("stableRS").asText());
    JsonNode revisions =
        Json.parse(server.get("/api/v1/namespaces/delivery/rollouts/web/revisions").body())
            .path("items");
    assertThat(revisions).hasSize(2);
    assertThat(revisions.get(1).path("images").get(0).asText()).isEqualTo("web:v2");
    JsonNode events =
        Json.parse(server.get("/api/v1/events?namespace=delivery&service=web").body())
            .path("items");
    assertThat(events)
        .extracting(e -> e.path("type").asText())
        .contains("rollout.revision", "rollout.step", "rollout.paused", "rollout.promoted");
  }

  @Test
  void abortRetryPromoteAndUndoThroughTheApi() throws Exception {
    server.post(
        ROLLOUTS,
        rollout("gate", "gate-stable", "[{setWeight: 25}, {pause: {}}, {setWeight: 75}]"));
    String stable =
        await("gate", s -> s.path("phase").asText().equals("Healthy")).path("stableRS").asText();
    setImage("gate", "web:v2");
    await("gate", s -> s.path("phase").asText().equals("Paused"));

    assertThat(action("gate:abort").statusCode()).isEqualTo(200);
    JsonNode aborted = await("gate", s -> s.path("phase").asText().equals("Degraded"));
    assertThat(aborted.path("message").asText()).startsWith("RolloutAborted");
    awaitReplicas("gate-" + stable, 4);

    action("gate:retry");
    await("gate", s -> s.path("phase").asText().equals("Paused") && !s.path("abort").asBoolean());
    action("gate:promote?full=true");
    JsonNode promoted =
        await(
            "gate",
            s ->
                s.path("phase").asText().equals("Healthy")
                    && !s.path("stableRS").asText().equals(stable));

    action("gate:undo");
    await("gate", s -> s.path("currentPodHash").asText().equals(stable));
    assertThat(promoted.path("stableRS").asText()).isNotEqualTo(stable);
  }

  @Test
  void cliFollowsAndSteersARollout() throws Exception {
    server.post(ROLLOUTS, rollout("cli", "web-stable", "[{setWeight: 50}, {pause: {}}]"));
    await("cli", s -> s.path("phase").asText().equals("Healthy"));
    setImage("cli", "web:v2");
    await("cli", s -> s.path("phase").asText().equals("Paused"));
    java.util.Map<String, String> env =
        java.util.Map.of(
            "PILOTHOUSE_SERVER",
            server.server.url(),
            "PILOTHOUSE_TOKEN",
            server.adminToken,
            "PILOTHOUSE_CONFIG",
            "target/no-config");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream print =
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);

    int status =
        dev.pilothouse.cli.Main.run(
            new String[] {"rollouts", "status", "cli", "-n", "delivery"}, print, print, env);
    int promote =
        dev.pilothouse.cli.Main.run(
            new String[] {"rollouts", "promote", "cli", "-n", "delivery"}, print, print, env);
    int watch =
        dev.pilothouse.cli.Main.run(
            new String[] {"rollouts", "status", "cli", "-n", "delivery", "--watch"},
            print,
            print,
            env);
    int history =
        dev.pilothouse.cli.Main.run(
            new String[] {"rollouts", "history", "cli", "-n", "delivery"}, print, print, env);
    int events =
        dev.pilothouse.cli.Main.run(
            new String[] {"events", "-n", "delivery", "--service", "cli"}, print, print, env);

    assertThat(status).isZero();
    assertThat(promote).isZero();
    assertThat(watch).isZero();
    assertThat(history).isZero();
    assertThat(events).isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            "Status:     Paused",
            "=>   2. pause (until promoted)",
            "rollout cli promoted",
            "Status:     Healthy",
            "web:v2");
  }

  @Test
  void unknownActionIsNotFound() throws Exception {
    assertThat(action("web:explode").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> action(String target) throws Exception {
    return server.post("/api/v1/namespaces/delivery/rollouts/" + target, "{}");
  }

  private static void setImage(String name, String image) throws Exception {
    String patch =
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\""
            + image
            + "\"}]}}}}";
    assertThat(
            server
                .send(
                    "PATCH",
                    ROLLOUTS + "/" + name,
                    server.adminToken,
                    "application/merge-patch+json",
                    patch)
                .statusCode())
        .isEqualTo(200);
  }

  private static JsonNode service(String name) throws Exception {
    return Json.parse(server.get("/apis/core/v1/namespaces/delivery/services/" + name).body());
  }

  private static int replicas(String rs) throws Exception {
    return Json.parse(server.get("/apis/apps/v1/namespaces/delivery/replicasets/" + rs).body())
        .path("spec")
        .path("replicas")
        .asInt();
  }

  private static void awaitReplicas(String rs, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (replicas(rs) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(rs + " never reached " + expected + " replicas");
      }
      Thread.sleep(100);
    }
  }

  private static JsonNode await(String name, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = Json.parse(server.get(ROLLOUTS + "/" + name).body()).path("status");
      if (condition.test(status)) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "rollout " + name + " did not reach the expected state; last status: " + status);
  }
}
