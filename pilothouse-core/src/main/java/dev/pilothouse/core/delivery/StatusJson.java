package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@link RolloutStatus} in Argo's status shape (phase, message, currentPodHash,
 * stableRS, currentStepIndex, pauseConditions, controllerPause, abort, abortedAt, promoteFull,
 * canary.weights, blueGreen.activeSelector). What Argo has no field for lives under {@code
 * status.pilothouse}.
 */
public final class StatusJson {
  private StatusJson() {}

  /**
   * Reads a status written by {@link #write}; a missing status is {@link RolloutStatus#initial}.
   */
  public static RolloutStatus read(JsonNode s) {
    if (s == null || !s.isObject()) {
      return RolloutStatus.initial();
    }
    JsonNode p = s.path("pilothouse");
    return new RolloutStatus(
        s.path("currentPodHash").asText(""),
        s.path("stableRS").asText(""),
        s.path("currentStepIndex").asInt(0),
        pause(s.path("pauseConditions")),
        s.path("controllerPause").asBoolean(false),
        s.path("abort").asBoolean(false),
        instant(s.path("abortedAt")),
        s.path("promoteFull").asBoolean(false),
        canaryScale(p.path("canaryScale")),
        runs(p.path("analysisRuns")),
        s.path("blueGreen").path("activeSelector").asText(""),
        s.path("canary").path("weights").path("canary").path("weight").asInt(0),
        s.path("phase").asText("Progressing"),
        s.path("message").asText(""),
        instant(p.path("progressedAt")));
  }

  /** Writes the engine's status over {@code previous}, keeping fields the engine does not own. */
  public static ObjectNode write(
      RolloutStatus st, JsonNode previous, long observedGeneration, ReplicaCounts counts) {
    ObjectNode s =
        previous != null && previous.isObject() ? (ObjectNode) previous.deepCopy() : Json.object();
    s.put("phase", st.phase())
        .put("message", st.message())
        .put("observedGeneration", Long.toString(observedGeneration));
    s.put("currentPodHash", st.currentPodHash())
        .put("stableRS", st.stableHash())
        .put("currentStepIndex", st.currentStepIndex());
    ArrayNode pauses = s.putArray("pauseConditions");
    st.pause()
        .ifPresent(p ->
            pauses.addObject().put("reason", p.reason()).put("startTime", p.start().toString()));
    s.put("controllerPause", st.controllerPause())
        .put("abort", st.abort())
        .put("promoteFull", st.promoteFull());
    st.abortedAt()
        .ifPresentOrElse(a -> s.put("abortedAt", a.toString()), () -> s.remove("abortedAt"));
    ObjectNode weights = s.putObject("canary").putObject("weights");
    weights
        .putObject("canary")
        .put("podTemplateHash", st.currentPodHash())
        .put("weight", st.canaryWeight());
    weights
        .putObject("stable")
        .put("podTemplateHash", st.stableHash())
        .put("weight", 100 - st.canaryWeight());
    s.putObject("blueGreen").put("activeSelector", st.activeHash());
    s.put("replicas", counts.replicas())
        .put("updatedReplicas", counts.updated())
        .put("readyReplicas", counts.ready())
        .put("availableReplicas", counts.ready());
    ObjectNode p = s.putObject("pilothouse");
    ArrayNode runs = p.putArray("analysisRuns");
    st.analysisRuns()
        .forEach(r ->
            runs.addObject()
                .put("name", r.name())
                .put("purpose", r.purpose().name())
                .put("phase", r.phase().name()));
    st.canaryScale().ifPresent(c -> p.set("canaryScale", Json.MAPPER.valueToTree(c)));
    st.progressedAt().ifPresent(t -> p.put("progressedAt", t.toString()));
    return s;
  }

  /** Replica totals shown in the status. */
  public record ReplicaCounts(int replicas, int updated, int ready) {
    /**
     * The counts of a rollout of {@code replicas} whose current revision is {@code currentHash}:
     * that revision's replicas are the updated ones; ready counts every revision's pods.
     */
    public static ReplicaCounts observed(int replicas, String currentHash, Observed observed) {
      int updated =
          observed.replicaSet(currentHash).map(Observed.ReplicaSetState::replicas).orElse(0);
      int ready =
          observed.replicaSets().stream().mapToInt(Observed.ReplicaSetState::readyReplicas).sum();
      return new ReplicaCounts(replicas, updated, ready);
    }
  }

  private static Optional<RolloutStatus.PauseCondition> pause(JsonNode conditions) {
    if (!conditions.isArray() || conditions.isEmpty()) {
      return Optional.empty();
    }
    JsonNode c = conditions.get(0);
    return Optional.of(
        new RolloutStatus.PauseCondition(
            c.path("reason").asText(), instant(c.path("startTime")).orElse(Instant.EPOCH)));
  }

  private static Optional<CanaryStep.SetCanaryScale> canaryScale(JsonNode n) {
    if (!n.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new CanaryStep.SetCanaryScale(
            n.hasNonNull("replicas") ? Optional.of(n.get("replicas").asInt()) : Optional.empty(),
            n.hasNonNull("weight") ? Optional.of(n.get("weight").asInt()) : Optional.empty(),
            n.path("matchTrafficWeight").asBoolean(false)));
  }

  private static List<RolloutStatus.RunRef> runs(JsonNode array) {
    List<RolloutStatus.RunRef> runs = new ArrayList<>();
    for (JsonNode r : array) {
      runs.add(
          new RolloutStatus.RunRef(
              r.path("name").asText(),
              RolloutStatus.Purpose.valueOf(r.path("purpose").asText("STEP")),
              AnalysisPhase.parse(r.path("phase").asText(), AnalysisPhase.Pending)));
    }
    return runs;
  }

  private static Optional<Instant> instant(JsonNode n) {
    try {
      return n.isTextual() ? Optional.of(Instant.parse(n.asText())) : Optional.empty();
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
