package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.ReplicaSetDocuments;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.RolloutActions;
import dev.pilothouse.core.delivery.RolloutStatus;
import dev.pilothouse.core.delivery.StatusJson;
import dev.pilothouse.core.delivery.Undo;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.RetryPolicy;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The user actions on a rollout, free of HTTP: the status transitions of {@link RolloutActions}
 * written with {@code replaceStatus} (retried on conflict with the controller's own writes), and
 * pause/resume as a {@code spec.paused} patch. Used by the HTTP API and the portal.
 */
public final class RolloutOperations {
  private final ResourceService resources;
  private final Clock clock;
  private final KindInfo rollouts;
  private final KindInfo replicaSets;

  /** Creates the operations over the resource service. */
  public RolloutOperations(ResourceService resources, Clock clock) {
    this.resources = resources;
    this.clock = clock;
    this.rollouts = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
    this.replicaSets = resources.kinds().byPath("apps", "v1", "replicasets");
  }

  /** Moves past the current pause or gate; {@code full} skips every remaining step. */
  public Resource promote(String namespace, String name, boolean full, Actor actor) {
    return status(namespace, name, s -> RolloutActions.promote(s, full), actor);
  }

  /** Sends traffic back to the stable revision. */
  public Resource abort(String namespace, String name, Actor actor) {
    return status(
        namespace, name, s -> RolloutActions.abort(s, actor.subject(), clock.instant()), actor);
  }

  /** Starts an aborted update's steps again. */
  public Resource retry(String namespace, String name, Actor actor) {
    return status(namespace, name, RolloutActions::retry, actor);
  }

  /** Sets or clears {@code spec.paused}. */
  public Resource paused(String namespace, String name, boolean paused, Actor actor) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("paused", paused);
    return resources.patch(rollouts, namespace, name, patch, false, actor);
  }

  /** The ReplicaSets a rollout owns, oldest revision first. */
  public List<Resource> revisions(String namespace, String name) {
    LabelSelector owner = LabelSelector.parse(Revisions.OWNER_LABEL + "=" + name);
    return resources.list(replicaSets, namespace, owner).items().stream()
        .sorted(Comparator.comparingInt(ReplicaSetDocuments::revision))
        .toList();
  }

  /**
   * Rolls the template back to an earlier revision's (the previous one, or {@code toRevision}); a
   * flag rollout swaps its canary and stable variants instead ({@link Undo}). Re-read and retried
   * on conflict with the controller's writes.
   */
  public Resource undo(String namespace, String name, String toRevision, Actor actor) {
    return RetryPolicy.ON_CONFLICT.run(() -> {
      Resource rollout = resources.get(rollouts, namespace, name);
      ObjectNode body = Undo.of(rollout, revisions(namespace, name), toRevision);
      return resources.replace(rollouts, namespace, name, body, actor);
    });
  }

  /** Applies a status transition, re-reading on conflict with the controller's own writes. */
  private Resource status(
      String namespace, String name, UnaryOperator<RolloutStatus> change, Actor actor) {
    return RetryPolicy.ON_CONFLICT.run(() -> {
      Resource rollout = resources.get(rollouts, namespace, name);
      ObjectNode body = rollout.toJson();
      body.set(
          "status",
          StatusJson.write(
              change.apply(StatusJson.read(rollout.status())),
              rollout.status(),
              rollout.generation(),
              counts(rollout)));
      return resources.replaceStatus(rollouts, namespace, name, body, actor);
    });
  }

  // The engine does not own the replica counts; carry the controller's last ones over.
  private static StatusJson.ReplicaCounts counts(Resource rollout) {
    var s = rollout.status();
    return new StatusJson.ReplicaCounts(
        s.path("replicas").asInt(),
        s.path("updatedReplicas").asInt(),
        s.path("readyReplicas").asInt());
  }
}
