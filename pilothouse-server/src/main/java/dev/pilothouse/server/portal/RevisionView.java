package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.resource.Ages;
import dev.pilothouse.core.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One revision of a rollout: a ReplicaSet it owns.
 *
 * @param roles what the revision is to the rollout now: stable, canary, active, preview
 */
public record RevisionView(
    int revision,
    String hash,
    List<String> images,
    int replicas,
    int ready,
    String age,
    List<String> roles) {
  /** Argo's revision annotation on a rollout's ReplicaSetDocuments. */
  static final String REVISION = dev.pilothouse.core.delivery.Revisions.REVISION_ANNOTATION;

  /** The revision a ReplicaSet holds, placed against the rollout's status. */
  static RevisionView of(Resource rs, RolloutDoc rollout, Instant now) {
    String hash = rs.labels().getOrDefault(Revisions.HASH_LABEL, "");
    List<String> images = new ArrayList<>();
    for (JsonNode c : rs.json().path("spec").path("template").path("spec").path("containers")) {
      images.add(c.path("image").asText(""));
    }
    return new RevisionView(
        rs.metadata().path("annotations").path(REVISION).asInt(0),
        hash,
        images,
        rs.json().path("spec").path("replicas").asInt(0),
        rs.status().path("readyReplicas").asInt(0),
        Ages.since(rs.metadata().path("creationTimestamp").asText(""), now).orElse(""),
        roles(hash, rollout));
  }

  private static List<String> roles(String hash, RolloutDoc r) {
    List<String> roles = new ArrayList<>();
    if (hash.equals(r.stableHash())) {
      roles.add("stable");
    }
    if (r.blueGreen()) {
      if (hash.equals(r.activeHash())) {
        roles.add("active");
      } else if (hash.equals(r.currentHash())) {
        roles.add("preview");
      }
    } else if (hash.equals(r.currentHash()) && r.updating()) {
      roles.add("canary");
    }
    return roles;
  }
}
