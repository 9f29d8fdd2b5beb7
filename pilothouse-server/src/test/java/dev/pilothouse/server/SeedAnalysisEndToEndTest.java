package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.server.metrics.FakeApp;
import dev.pilothouse.server.metrics.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeds' analysed canary and success-rate template against a real Prometheus scraping a fake
 * app: a healthy service lets the rollout promote, 10% errors abort it. The template is the seed's
 * except for a reachable address and a 1 s interval; the rollout keeps the seed's analysis block
 * (startingStep 2, success-rate, service-name) with short pauses so the test runs in seconds.
 */
class SeedAnalysisEndToEndTest {
  private static final String API = "/apis/argoproj.io/v1alpha1/namespaces/seeds/";
  private static FakeApp app;
  private static PrometheusServer prometheus;
  private static TestServer server;
  private static List<JsonNode> seeds;

  @BeforeAll
  static void start() throws Exception {
    app = FakeApp.start().serve("my-app", 995, 5).serve("broken-app", 90, 10);
    prometheus = PrometheusServer.start(app.target());
    server = TestServer.start();
    Path file = Path.of("../../shared/specs/seed-examples.yaml");
    seeds =
        Yaml.readAll(
            Files.readString(
                Files.exists(file) ? file : Path.of("../shared/specs/seed-examples.yaml")),
            "seeds");
    ObjectNode template = (ObjectNode) seeds.get(2).deepCopy();
    ObjectNode metric = (ObjectNode) template.path("spec").path("metrics").get(0);
    metric.put("interval", "1s");
    ((ObjectNode) metric.path("provider").path("prometheus")).put("address", prometheus.url());
    assertThat(server.post(API + "analysistemplates", Json.write(template)).statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    prometheus.close();
    app.close();
  }

  private static void deploy(String name, String service) throws Exception {
    ObjectNode rollout = (ObjectNode) seeds.get(1).deepCopy();
    ((ObjectNode) rollout.path("metadata")).put("name", name);
    ObjectNode canary = (ObjectNode) rollout.path("spec").path("strategy").path("canary");
    ((ObjectNode) canary.path("analysis").path("args").get(0)).put("value", service);
    canary.set(
        "steps",
        Json.parse(
            "[{\"setWeight\":20},{\"pause\":{\"duration\":\"1s\"}},{\"setWeight\":50},{\"pause\":{}},{\"setWeight\":100}]"));
    assertThat(server.post(API + "rollouts", Json.write(rollout)).statusCode()).isEqualTo(201);
    await(name, s -> s.path("phase").asText().equals("Healthy"));
    String patch =
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"my-app\",\"image\":\"my-app:v3\"}]}}}}";
    server.send(
        "PATCH",
        API + "rollouts/" + name,
        server.adminToken,
        "application/merge-patch+json",
        patch);
  }

  @Test
  void healthyServicePassesBackgroundAnalysisAndPromotes() throws Exception {
    deploy("good", "my-app");
    JsonNode paused =
        await(
            "good",
            s ->
                s.path("phase").asText().equals("Paused")
                    && s.path("currentStepIndex").asInt() == 3);
    String run = "good-" + paused.path("currentPodHash").asText() + "-bg";
    awaitRun(run, "Successful");

    server.post("/api/v1/namespaces/seeds/rollouts/good:promote", "{}");
    JsonNode done =
        await(
            "good",
            s ->
                s.path("phase").asText().equals("Healthy")
                    && s.path("stableRS").asText().equals(paused.path("currentPodHash").asText()));

    assertThat(done.path("abort").asBoolean()).isFalse();
  }

  @Test
  void tenPercentErrorsAbortTheRollout() throws Exception {
    deploy("bad", "broken-app");

    JsonNode aborted = await("bad", s -> s.path("phase").asText().equals("Degraded"));

    assertThat(aborted.path("message").asText())
        .contains("RolloutAborted")
        .contains("-bg")
        .contains("Failed");
    JsonNode events =
        Json.parse(server.get("/api/v1/events?namespace=seeds&service=bad").body()).path("items");
    assertThat(events)
        .extracting(e -> e.path("type").asText())
        .contains("rollout.aborted", "analysis.failed");
  }

  private static void awaitRun(String name, String phase) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last =
          Json.parse(server.get(API + "analysisruns/" + name).body())
              .path("status")
              .path("phase")
              .asText();
      if (last.equals(phase)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("analysis run " + name + " ended " + last + ", expected " + phase);
  }

  private static JsonNode await(String name, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = Json.parse(server.get(API + "rollouts/" + name).body()).path("status");
      if (condition.test(status)) {
        return status;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "rollout " + name + " did not reach the expected state; last status: " + status);
  }
}
