package dev.pilothouse.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Resource;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KubeGatewayTest {
  private final MockCluster cluster = new MockCluster();
  private final KubeGateway gateway =
      new KubeGateway("mock", cluster.client, Duration.ofSeconds(30), Clock.systemUTC());

  @AfterEach
  void close() {
    gateway.close();
    cluster.close();
  }

  private Resource rollout() {
    ObjectNode doc =
        (ObjectNode)
            Yaml.readAll(
                    """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Rollout
                    metadata: {name: web, namespace: delivery}
                    spec: {replicas: 1}
                    """,
                    "test")
                .getFirst();
    return gateway.create(KubeKinds.ROLLOUTS, "delivery", doc);
  }

  @Test
  void aStatusWriteWithAStaleResourceVersionConflicts() {
    Resource read = rollout();
    ObjectNode first = read.toJson();
    first.putObject("status").put("phase", "Paused");
    Resource written = gateway.updateStatus(KubeKinds.ROLLOUTS, "delivery", first);
    assertThat(written.status().path("phase").asText()).isEqualTo("Paused");

    ObjectNode stale = read.toJson();
    stale.putObject("status").put("phase", "Healthy");
    assertThatThrownBy(() -> gateway.updateStatus(KubeKinds.ROLLOUTS, "delivery", stale))
        .isInstanceOf(ConflictException.class);
    assertThat(
            gateway
                .read(KubeKinds.ROLLOUTS, "delivery", "web")
                .get()
                .status()
                .path("phase")
                .asText())
        .isEqualTo("Paused");
  }

  @Test
  void aStatusWriteLeavesTheSpecAloneAndASpecWriteLeavesTheStatusAlone() {
    Resource read = rollout();
    ObjectNode body = read.toJson();
    body.putObject("status").put("phase", "Paused");
    body.with("spec").put("replicas", 7);
    Resource written = gateway.updateStatus(KubeKinds.ROLLOUTS, "delivery", body);
    assertThat(written.json().path("spec").path("replicas").asInt()).isEqualTo(1);
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("replicas", 3);
    Resource patched = gateway.mergePatch(KubeKinds.ROLLOUTS, "delivery", "web", patch);
    assertThat(patched.status().path("phase").asText()).isEqualTo("Paused");
    assertThat(patched.generation()).isGreaterThan(read.generation());
  }
}
