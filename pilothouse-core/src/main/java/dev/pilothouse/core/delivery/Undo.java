package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.resource.Resource;
import java.util.Comparator;
import java.util.List;

/**
 * {@code undo} of a rollout, the same on the embedded runtime and in a cluster: the rollout
 * document to write back. A pod rollout gets the pod template of an earlier revision's ReplicaSet
 * (the previous one, or {@code toRevision}), as {@code kubectl argo rollouts undo}; a flag rollout
 * swaps its variants ({@link FlagUndo}). Pure: the rollout and its ReplicaSets in, a document out.
 */
public final class Undo {
  private Undo() {}

  /**
   * The rollout with its template (pods) or variants (flag) rolled back.
   *
   * @param replicaSets the ReplicaSets the rollout owns (ignored for a flag rollout)
   * @param toRevision a revision number, or empty for the previous revision
   * @throws ValidationException naming {@code toRevision} (or, for a flag rollout, {@code
   *     status.stableRS}) when there is nothing to go back to
   */
  public static ObjectNode of(Resource rollout, List<Resource> replicaSets, String toRevision) {
    if (FlagRouting.config(rollout.json()).isPresent()) {
      return FlagUndo.undo(rollout.toJson(), toRevision);
    }
    Resource target = podRevision(rollout, replicaSets, toRevision);
    ObjectNode template = target.json().path("spec").path("template").deepCopy();
    template.with("metadata").with("labels").remove(Revisions.HASH_LABEL);
    ObjectNode body = rollout.toJson();
    body.with("spec").set("template", template);
    return body;
  }

  private static Resource podRevision(
      Resource rollout, List<Resource> replicaSets, String toRevision) {
    String current =
        ReplicaSetDocuments.name(
            rollout.name(), rollout.status().path("currentPodHash").asText(""));
    return replicaSets.stream()
        .sorted(Comparator.comparingInt(ReplicaSetDocuments::revision).reversed())
        .filter(rs ->
            toRevision.isEmpty()
                ? !rs.name().equals(current)
                : Integer.toString(ReplicaSetDocuments.revision(rs)).equals(toRevision))
        .findFirst()
        .orElseThrow(() ->
            ValidationException.of(
                "toRevision",
                toRevision.isEmpty()
                    ? "there is no earlier revision"
                    : "revision " + toRevision + " does not exist"));
  }
}
