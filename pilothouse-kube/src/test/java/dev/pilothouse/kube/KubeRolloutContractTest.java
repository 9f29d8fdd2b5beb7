package dev.pilothouse.kube;

import dev.pilothouse.core.analysis.InMemoryMetricSource;
import dev.pilothouse.core.delivery.contract.RolloutContract;
import dev.pilothouse.core.delivery.contract.RolloutWorld;

/**
 * The rollout contract against fabric8's CRUD mock API server with a fake ReplicaSet controller.
 */
class KubeRolloutContractTest extends RolloutContract {
  @Override
  protected RolloutWorld open(InMemoryMetricSource metrics) {
    MockCluster cluster = new MockCluster();
    return new KubeWorld("mock", cluster.client, cluster, metrics).started();
  }
}
