package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.delivery.FlagRouting;
import dev.pilothouse.core.resource.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Read access to a stored Argo Rollout for the portal: the spec as the user wrote it and the status
 * in Argo's shape (see {@code StatusJson}). Reads the raw document rather than the parsed spec, so
 * a rollout the engine rejects still shows what it can.
 */
record RolloutDoc(Resource resource) {

  String namespace() {
    return resource.namespace();
  }

  String name() {
    return resource.name();
  }

  JsonNode status() {
    return resource.status();
  }

  boolean blueGreen() {
    return resource.json().path("spec").path("strategy").has("blueGreen");
  }

  String strategy() {
    return blueGreen() ? "blue-green" : flag().isPresent() ? "canary (flag)" : "canary";
  }

  /** The flag routing config of a flag rollout (which runs no pods). */
  java.util.Optional<JsonNode> flag() {
    return FlagRouting.config(resource.json());
  }

  /** The canary steps as written; empty for blue/green. */
  JsonNode steps() {
    return resource.json().path("spec").path("strategy").path("canary").path("steps");
  }

  String phase() {
    return status().path("phase").asText("Progressing");
  }

  String message() {
    return status().path("message").asText("");
  }

  int stepIndex() {
    return status().path("currentStepIndex").asInt(0);
  }

  int canaryWeight() {
    return status().path("canary").path("weights").path("canary").path("weight").asInt(0);
  }

  String stableHash() {
    return status().path("stableRS").asText("");
  }

  String currentHash() {
    return status().path("currentPodHash").asText("");
  }

  String activeHash() {
    return status().path("blueGreen").path("activeSelector").asText("");
  }

  int replicas() {
    return resource.json().path("spec").path("replicas").asInt(flag().isPresent() ? 0 : 1);
  }

  int readyReplicas() {
    return status().path("readyReplicas").asInt(0);
  }

  boolean aborted() {
    return status().path("abort").asBoolean(false);
  }

  boolean pausedBySpec() {
    return resource.json().path("spec").path("paused").asBoolean(false);
  }

  boolean pausedOnCondition() {
    return !status().path("pauseConditions").isEmpty();
  }

  /** Whether a new revision is on its way (it differs from the stable one). */
  boolean updating() {
    return !currentHash().isEmpty() && !currentHash().equals(stableHash());
  }

  /** "name: image" for each container of the pod template; a flag rollout's flag and variants. */
  List<String> images() {
    List<String> images = new ArrayList<>();
    flag()
        .ifPresent(f ->
            images.add(
                "flag "
                    + f.path("flag").asText()
                    + " in "
                    + f.path("environment").asText(namespace())
                    + ": "
                    + f.path("canaryVariant").asText()
                    + " (canary), "
                    + f.path("stableVariant").asText()
                    + " (stable)"));
    for (JsonNode c :
        resource.json().path("spec").path("template").path("spec").path("containers")) {
      images.add(c.path("name").asText("?") + ": " + c.path("image").asText(""));
    }
    return images;
  }
}
