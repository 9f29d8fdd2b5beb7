package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A rollout's ReplicaSets as Argo Rollouts makes them, for every gateway (the local store and
 * Kubernetes): named {@code <rollout>-<hash>}, labelled with {@code rollouts-pod-template-hash}
 * (also in the selector and pod template, so the pods of two revisions never overlap) and the
 * owning rollout, owned through an ownerReference.
 */
public final class ReplicaSetDocuments {
  /** Argo's annotation for a scheduled scale-down. */
  public static final String SCALE_DOWN = "argo-rollouts.argoproj.io/scale-down-deadline";

  private ReplicaSetDocuments() {}

  /** The ReplicaSet name of revision {@code hash} of rollout {@code rollout}. */
  public static String name(String rollout, String hash) {
    return rollout + "-" + hash;
  }

  /** The ownerReference that makes a rollout the controller of an object. */
  public static ObjectNode owner(Resource rollout) {
    return Json.object()
        .put("apiVersion", "argoproj.io/v1alpha1")
        .put("kind", "Rollout")
        .put("name", rollout.name())
        .put("uid", rollout.uid())
        .put("controller", true)
        .put("blockOwnerDeletion", true);
  }

  /** A new ReplicaSet document for revision {@code hash} of a rollout. */
  public static ObjectNode create(Resource rollout, String hash, int replicas, int revision) {
    JsonNode spec = rollout.json().path("spec");
    ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
    ObjectNode metadata =
        rs.putObject("metadata")
            .put("name", name(rollout.name(), hash))
            .put("namespace", rollout.namespace());
    ObjectNode labels = metadata.putObject("labels");
    copyFields(spec.path("template").path("metadata").path("labels"), labels);
    labels.put(Revisions.HASH_LABEL, hash).put(Revisions.OWNER_LABEL, rollout.name());
    metadata
        .putObject("annotations")
        .put(Revisions.REVISION_ANNOTATION, Integer.toString(revision));
    metadata.putArray("ownerReferences").add(owner(rollout));
    ObjectNode rsSpec = rs.putObject("spec").put("replicas", replicas);
    ObjectNode matchLabels = rsSpec.putObject("selector").putObject("matchLabels");
    copyFields(spec.path("selector").path("matchLabels"), matchLabels);
    matchLabels.put(Revisions.HASH_LABEL, hash);
    ObjectNode template = spec.path("template").deepCopy();
    template.with("metadata").with("labels").put(Revisions.HASH_LABEL, hash);
    rsSpec.set("template", template);
    return rs;
  }

  /** The engine's view of a ReplicaSet. */
  public static Observed.ReplicaSetState observe(Resource rs) {
    Optional<Instant> scaleDownAt = Optional.empty();
    String deadline = rs.metadata().path("annotations").path(SCALE_DOWN).asText("");
    if (!deadline.isEmpty()) {
      try {
        scaleDownAt = Optional.of(Instant.parse(deadline));
      } catch (DateTimeParseException e) {
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

  /** Argo's revision number (1, 2, ...) of a ReplicaSet, 0 when it has none. */
  public static int revision(Resource rs) {
    return rs.metadata().path("annotations").path(Revisions.REVISION_ANNOTATION).asInt(0);
  }

  private static void copyFields(JsonNode from, ObjectNode to) {
    from.properties().forEach(e -> to.set(e.getKey(), e.getValue()));
  }
}
