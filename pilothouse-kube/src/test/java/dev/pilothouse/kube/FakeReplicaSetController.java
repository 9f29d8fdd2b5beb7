package dev.pilothouse.kube;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Stands in for kube-controller-manager and the kubelets, which the mock server does not have:
 * whenever a ReplicaSet's desired replicas differ from its ready replicas, it reports them all
 * ready through the status subresource (merge patch), as pods that start at once would.
 */
final class FakeReplicaSetController implements AutoCloseable {
  private final KubernetesClient client;
  private final SharedIndexInformer<ReplicaSet> informer;

  FakeReplicaSetController(KubernetesClient client) {
    this.client = client;
    this.informer =
        client
            .apps()
            .replicaSets()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ReplicaSet rs) {
                    ready(rs);
                  }

                  @Override
                  public void onUpdate(ReplicaSet old, ReplicaSet rs) {
                    ready(rs);
                  }

                  @Override
                  public void onDelete(ReplicaSet rs, boolean unknown) {}
                },
                30_000);
  }

  private void ready(ReplicaSet rs) {
    int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    Integer ready = rs.getStatus() == null ? null : rs.getStatus().getReadyReplicas();
    if (ready != null && ready == desired) {
      return;
    }
    String patch =
        "{\"status\":{\"replicas\":%d,\"readyReplicas\":%d,\"availableReplicas\":%d}}"
            .formatted(desired, desired, desired);
    try {
      client
          .apps()
          .replicaSets()
          .inNamespace(rs.getMetadata().getNamespace())
          .withName(rs.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      // Deleted meanwhile; the next event retries otherwise.
    }
  }

  @Override
  public void close() {
    informer.stop();
  }
}
