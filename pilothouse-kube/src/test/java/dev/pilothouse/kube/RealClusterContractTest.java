package dev.pilothouse.kube;

import dev.pilothouse.core.analysis.InMemoryMetricSource;
import dev.pilothouse.core.delivery.contract.RolloutContract;
import dev.pilothouse.core.delivery.contract.RolloutWorld;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The rollout contract against a real cluster: runs only when {@code KUBECONFIG} is set (skipped,
 * and reported as skipped, otherwise). Installs the CRDs from {@code deploy/kubernetes/crds}, uses
 * namespace {@code delivery} and small pause images, and deletes what it created. Run alone with
 * {@code dev/mvn -pl pilothouse-kube -am verify -Dgroups=cluster
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("cluster")
@EnabledIfEnvironmentVariable(named = "KUBECONFIG", matches = ".+")
class RealClusterContractTest extends RolloutContract {
  @Override
  protected String image(String version) {
    return version.equals("v1") ? "registry.k8s.io/pause:3.9" : "registry.k8s.io/pause:3.10";
  }

  @Override
  protected RolloutWorld open(InMemoryMetricSource metrics) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    MockCluster.installCrds(client);
    if (client.namespaces().withName(RolloutWorld.NAMESPACE).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(RolloutWorld.NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
    }
    AutoCloseable cleanup =
        () -> {
          for (var kind :
              new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext[] {
                KubeKinds.ROLLOUTS, KubeKinds.ANALYSIS_RUNS, KubeKinds.ANALYSIS_TEMPLATES
              }) {
            client.genericKubernetesResources(kind).inNamespace(RolloutWorld.NAMESPACE).delete();
          }
          client.services().inNamespace(RolloutWorld.NAMESPACE).delete();
          client.close();
        };
    return new KubeWorld(
            "cluster", client, cleanup, metrics, new KubeMetrics(new PrometheusRegistry()), false)
        .started();
  }
}
