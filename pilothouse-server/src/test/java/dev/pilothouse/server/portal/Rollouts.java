package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Creates and steers rollouts in a portal test server, where the real controller runs them. */
final class Rollouts {
  private final ResourceService resources;
  private final KindInfo kind;

  Rollouts(PortalFixture fixture) {
    this.resources = fixture.resources();
    this.kind = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
  }

  /** Creates a canary rollout of 4 replicas with these steps (YAML flow list). */
  Resource canary(String namespace, String name, String image, String steps) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: %s}
        spec:
          replicas: 4
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers: [{name: web, image: "%s"}]
          strategy:
            canary:
              steps: %s
        """
            .formatted(name, name, name, image, steps);
    return resources.create(kind, namespace, Yaml.readAll(yaml, "test").getFirst(), Actor.SYSTEM);
  }

  /** Changes the image, which starts a new revision. */
  void setImage(String namespace, String name, String image) {
    var patch =
        Json.parse(
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\""
                + image
                + "\"}]}}}}");
    resources.patch(kind, namespace, name, patch, false, Actor.SYSTEM);
  }

  /** Waits until the rollout's status satisfies {@code condition}, and returns it. */
  JsonNode await(String namespace, String name, Predicate<JsonNode> condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      JsonNode status = resources.get(kind, namespace, name).status();
      if (condition.test(status)) {
        return status;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "rollout " + name + " never got there: " + resources.get(kind, namespace, name).status());
  }

  /** Waits for a phase. */
  JsonNode awaitPhase(String namespace, String name, String phase) throws InterruptedException {
    return await(namespace, name, s -> s.path("phase").asText().equals(phase));
  }

  /** A healthy rollout whose second image waits at an indefinite pause after setWeight 25. */
  void pausedAtIndefinitePause(String namespace, String name) throws InterruptedException {
    canary(namespace, name, "web:v1", "[{setWeight: 25}, {pause: {}}, {setWeight: 75}]");
    awaitPhase(namespace, name, "Healthy");
    setImage(namespace, name, "web:v2");
    awaitPhase(namespace, name, "Paused");
  }
}
