package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.Observed;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import java.time.Instant;
import java.util.Optional;

/**
 * ReplicaSets of a rollout, named {@code <rollout>-<hash>} and labelled with the pod-template hash
 * and the owning rollout, as Argo Rollouts creates them.
 */
final class ReplicaSets {
  /** Label naming the owning rollout (the local store has no owner-reference index). */
  static final String OWNER_LABEL = Revisions.OWNER_LABEL;

  /** Argo's annotation for a scheduled scale-down. */
  static final String SCALE_DOWN = "argo-rollouts.argoproj.io/scale-down-deadline";

  /** Argo's revision annotation (1, 2, ...), used by undo. */
  static final String REVISION = Revisions.REVISION_ANNOTATION;

  private ReplicaSets() {}

  static String name(String rollout, String hash) {
    return rollout + "-" + hash;
  }

  /** A new ReplicaSet document for a revision of a rollout. */
  static ObjectNode create(Resource rollout, String hash, int replicas, int revision) {
    JsonNode spec = rollout.json().path("spec");
    ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
    ObjectNode metadata = rs.putObject("metadata").put("name", name(rollout.name(), hash));
    ObjectNode labels = metadata.putObject("labels");
    spec.path("template")
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.set(e.getKey(), e.getValue()));
    labels.put(Revisions.HASH_LABEL, hash).put(OWNER_LABEL, rollout.name());
    metadata.putObject("annotations").put(REVISION, Integer.toString(revision));
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", "argoproj.io/v1alpha1")
        .put("kind", "Rollout")
        .put("name", rollout.name())
        .put("uid", rollout.uid())
        .put("controller", true)
        .put("blockOwnerDeletion", true);
    ObjectNode rsSpec = rs.putObject("spec").put("replicas", replicas);
    ObjectNode selector = rsSpec.putObject("selector");
    ObjectNode matchLabels = selector.putObject("matchLabels");
    spec.path("selector")
        .path("matchLabels")
        .properties()
        .forEach(e -> matchLabels.set(e.getKey(), e.getValue()));
    matchLabels.put(Revisions.HASH_LABEL, hash);
    ObjectNode template = spec.path("template").deepCopy();
    template.with("metadata").with("labels").put(Revisions.HASH_LABEL, hash);
    rsSpec.set("template", template);
    return rs;
  }

  /** The engine's view of a stored ReplicaSet. */
  static Observed.ReplicaSetState observe(Resource rs) {
    Optional<Instant> scaleDownAt = Optional.empty();
    String deadline = rs.metadata().path("annotations").path(SCALE_DOWN).asText("");
    if (!deadline.isEmpty()) {
      scaleDownAt = Optional.of(Instant.parse(deadline));
    }
    return new Observed.ReplicaSetState(
        rs.labels().getOrDefault(Revisions.HASH_LABEL, ""),
        rs.json().path("spec").path("replicas").asInt(0),
        rs.status().path("readyReplicas").asInt(0),
        scaleDownAt);
  }

  static int revision(Resource rs) {
    return rs.metadata().path("annotations").path(REVISION).asInt(0);
  }
}
