package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.RolloutActions;
import dev.pilothouse.core.delivery.RolloutStatus;
import dev.pilothouse.core.delivery.StatusJson;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.RetryPolicy;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Promote, abort and retry on a cluster, as {@code kubectl argo rollouts} does: the rollout's
 * status is changed through the status subresource with the read resourceVersion (retried on
 * conflict with the controller's own writes), and the controller then plans from the changed
 * status.
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

  private Resource change(String namespace, String name, UnaryOperator<RolloutStatus> action) {
    return retry.run(() -> {
      Resource rollout =
          gateway
              .read(KubeKinds.ROLLOUTS, namespace, name)
              .orElseThrow(() -> new NotFoundException("Rollout " + name + " not found"));
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
