package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.RolloutActions;
import dev.pilothouse.core.delivery.RolloutStatus;
import dev.pilothouse.core.delivery.StatusJson;
import dev.pilothouse.core.delivery.Undo;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.RetryPolicy;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Promote, abort, retry and undo on a cluster, as {@code kubectl argo rollouts} does: the rollout's
 * status is changed through the status subresource with the read resourceVersion (retried on
 * conflict with the controller's own writes), and the controller then plans from the changed
 * status. Undo changes the spec instead ({@link Undo}).
 */
public final class KubeRolloutOperations {
  private final KubeGateway gateway;
  private final Clock clock;
  private final RetryPolicy retry = RetryPolicy.ON_CONFLICT;

  /** Operations on {@code gateway}'s cluster. */
  public KubeRolloutOperations(KubeGateway gateway, Clock clock) {
    this.gateway = gateway;
    this.clock = clock;
  }

  /** Moves a paused rollout past its pause (or every remaining step with {@code full}). */
  public Resource promote(String namespace, String name, boolean full) {
    return change(namespace, name, s -> RolloutActions.promote(s, full));
  }

  /** Aborts the update in progress: traffic back to stable. */
  public Resource abort(String namespace, String name, String by) {
    return change(namespace, name, s -> RolloutActions.abort(s, by, clock.instant()));
  }

  /** Starts an aborted update's steps again. */
  public Resource retry(String namespace, String name) {
    return change(namespace, name, RolloutActions::retry);
  }

  /**
   * Rolls a pod rollout's template back to an earlier revision (the previous one, or {@code
   * toRevision}; from the ReplicaSets in the informer cache), or swaps a flag rollout's variants.
   */
  public Resource undo(String namespace, String name, String toRevision) {
    return retry.run(() -> {
      Resource rollout = read(namespace, name);
      List<Resource> replicaSets =
          gateway.cachedList(KubeKinds.REPLICA_SETS, namespace, Revisions.OWNER_LABEL, name);
      return gateway.update(
          KubeKinds.ROLLOUTS, namespace, Undo.of(rollout, replicaSets, toRevision));
    });
  }

  private Resource read(String namespace, String name) {
    return gateway
        .read(KubeKinds.ROLLOUTS, namespace, name)
        .orElseThrow(() -> new NotFoundException("Rollout " + name + " not found"));
  }

  private Resource change(String namespace, String name, UnaryOperator<RolloutStatus> action) {
    return retry.run(() -> {
      Resource rollout = read(namespace, name);
      JsonNode previous = rollout.status();
      ObjectNode status =
          StatusJson.write(
              action.apply(StatusJson.read(previous)),
              previous,
              previous.path("observedGeneration").asLong(rollout.generation()),
              new StatusJson.ReplicaCounts(
                  previous.path("replicas").asInt(0),
                  previous.path("updatedReplicas").asInt(0),
                  previous.path("readyReplicas").asInt(0)));
      ObjectNode body = rollout.toJson();
      body.set("status", status);
      return gateway.updateStatus(KubeKinds.ROLLOUTS, namespace, body);
    });
  }
}
