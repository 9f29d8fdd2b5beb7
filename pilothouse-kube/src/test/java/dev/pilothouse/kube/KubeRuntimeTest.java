package dev.pilothouse.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilothouse.core.analysis.InMemoryMetricSource;
import dev.pilothouse.core.events.InMemoryEventLog;
import dev.pilothouse.core.json.Yaml;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clusters registered as {@code serve --kubeconfig F --kube-context NAME=CTX} does. */
class KubeRuntimeTest {
  @TempDir Path dir;

  private Path kubeconfig(MockCluster a, MockCluster b) throws Exception {
    String config =
        """
        apiVersion: v1
        kind: Config
        clusters:
          - {name: a, cluster: {server: "%s"}}
          - {name: b, cluster: {server: "%s"}}
        users:
          - {name: u, user: {token: t}}
        contexts:
          - {name: ctx-a, context: {cluster: a, user: u, namespace: default}}
          - {name: ctx-b, context: {cluster: b, user: u, namespace: default}}
        current-context: ctx-a
        """
            .formatted(a.client.getMasterUrl(), b.client.getMasterUrl());
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, config);
    return file;
  }

  @Test
  void clustersFromKubeconfigContextsConnectElectAndListTheirRollouts() throws Exception {
    try (MockCluster a = new MockCluster();
        MockCluster b = new MockCluster()) {
      Path file = kubeconfig(a, b);
      for (var doc : Yaml.readAll(KubeControllerTest.rollout("web", "web:v1"), "test")) {
        KubeWorld.apply(b.client, (com.fasterxml.jackson.databind.node.ObjectNode) doc);
      }
      try (FakeReplicaSetController pods = new FakeReplicaSetController(b.client);
          KubeRuntime runtime =
              KubeRuntime.start(
                  List.of(
                      new KubeRuntime.ClusterConfig(
                          "east", Optional.of(file), Optional.of("ctx-a"), false),
                      new KubeRuntime.ClusterConfig(
                          "west", Optional.of(file), Optional.of("ctx-b"), false)),
                  new KubeRuntime.Election("default", "pilothouse-controller", "replica-1"),
                  new InMemoryMetricSource(),
                  new InMemoryEventLog(),
                  new PrometheusRegistry(),
                  Clock.systemUTC())) {
        assertThat(runtime.clusters())
            .extracting(KubeRuntime.Cluster::name)
            .containsExactly("east", "west");
        KubeRuntime.Cluster west = runtime.cluster("west").orElseThrow();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() ->
                west.synced()
                    && west.controller().reconciling()
                    && west.rollouts().stream()
                        .anyMatch(r -> r.status().path("phase").asText().equals("Healthy")));
        KubeRuntime.Cluster east = runtime.cluster("east").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(east::synced);
        assertThat(east.rollouts()).isEmpty();
        assertThat(
                b.client
                    .leases()
                    .inNamespace("default")
                    .withName("pilothouse-controller")
                    .get()
                    .getSpec()
                    .getHolderIdentity())
            .isEqualTo("replica-1");
      }
    }
  }
}
