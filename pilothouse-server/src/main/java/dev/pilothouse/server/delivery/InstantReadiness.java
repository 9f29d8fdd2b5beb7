package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.control.ReconcileResult;
import dev.pilothouse.core.control.Reconciler;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;

/**
 * Stand-in for the pods of the local runtime until it runs real processes: reports every
 * ReplicaSet's replicas as ready as soon as it is scaled. It runs nothing; it only lets the
 * delivery engine be exercised end to end without a cluster.
 */
public final class InstantReadiness implements Reconciler {
  private final ResourceService resources;
  private final KindInfo replicaSets;

  /** Creates the reconciler. */
  public InstantReadiness(ResourceService resources) {
    this.resources = resources;
    this.replicaSets = resources.kinds().byPath("apps", "v1", "replicasets");
  }

  @Override
  public ReconcileResult reconcile(ResourceKey key) {
    try {
      Resource rs = resources.get(replicaSets, key.namespace(), key.name());
      int replicas = rs.json().path("spec").path("replicas").asInt(0);
      if (rs.status().path("readyReplicas").asInt(-1) != replicas) {
        ObjectNode patch = Json.object();
        patch
            .putObject("status")
            .put("replicas", replicas)
            .put("readyReplicas", replicas)
            .put("availableReplicas", replicas);
        resources.patch(replicaSets, key.namespace(), key.name(), patch, true, ActionApplier.ACTOR);
      }
    } catch (NotFoundException e) {
      // deleted meanwhile
    }
    return ReconcileResult.done();
  }
}
