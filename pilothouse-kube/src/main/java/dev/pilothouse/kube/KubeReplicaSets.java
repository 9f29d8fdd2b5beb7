package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.Observed;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import java.time.Instant;
import java.util.Optional;

/**
 * A rollout's ReplicaSets as Argo Rollouts makes them: named {@code <rollout>-<hash>}, labelled
 * with {@code rollouts-pod-template-hash} (also in the selector and pod template, so the pods of
 * two revisions never overlap) and the owning rollout, owned through an ownerReference (so
 * Kubernetes garbage-collects them with the rollout).
 */
final class KubeReplicaSets {
  /** Argo's annotation for a scheduled scale-down. */
  static final String SCALE_DOWN = "argo-rollouts.argoproj.io/scale-down-deadline";

  private KubeReplicaSets() {}

  static String name(String rollout, String hash) {
    return rollout + "-" + hash;
  }

  /** The ownerReference that makes a rollout the controller of an object. */
  static ObjectNode owner(Resource rollout) {
    return Json.object()
        .put("apiVersion", KubeKinds.ARGO_API_VERSION)
        .put("kind", "Rollout")
        .put("name", rollout.name())
        .put("uid", rollout.uid())
        .put("controller", true)
        .put("blockOwnerDeletion", true);
  }

  /** A new ReplicaSet for revision {@code hash} of a rollout. */
  static ObjectNode create(Resource rollout, String hash, int replicas, int revision) {
    JsonNode spec = rollout.json().path("spec");
    ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
    ObjectNode metadata =
        rs.putObject("metadata")
            .put("name", name(rollout.name(), hash))
            .put("namespace", rollout.namespace());
    ObjectNode labels = metadata.putObject("labels");
    spec.path("template")
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.set(e.getKey(), e.getValue()));
    labels.put(Revisions.HASH_LABEL, hash).put(Revisions.OWNER_LABEL, rollout.name());
    metadata
        .putObject("annotations")
        .put(Revisions.REVISION_ANNOTATION, Integer.toString(revision));
    metadata.putArray("ownerReferences").add(owner(rollout));
    ObjectNode rsSpec = rs.putObject("spec").put("replicas", replicas);
    ObjectNode matchLabels = rsSpec.putObject("selector").putObject("matchLabels");
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

  /** The engine's view of a ReplicaSet. */
  static Observed.ReplicaSetState observe(Resource rs) {
    Optional<Instant> scaleDownAt = Optional.empty();
    String deadline = rs.metadata().path("annotations").path(SCALE_DOWN).asText("");
    if (!deadline.isEmpty()) {
      try {
        scaleDownAt = Optional.of(Instant.parse(deadline));
      } catch (java.time.format.DateTimeParseException e) {
        // Someone wrote a bad deadline: treat it as due now rather than never.
        scaleDownAt = Optional.of(Instant.EPOCH);
      }
    }
    return new Observed.ReplicaSetState(
        rs.labels().getOrDefault(Revisions.HASH_LABEL, ""),
        rs.json().path("spec").path("replicas").asInt(0),
        rs.status().path("readyReplicas").asInt(0),
        scaleDownAt);
  }

  static int revision(Resource rs) {
    return rs.metadata().path("annotations").path(Revisions.REVISION_ANNOTATION).asInt(0);
  }
}
