package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.delivery.FlagRevision.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flag rollout's history derived from its events, with the events produced by the real planner
 * ({@link RolloutEvents} through {@link SimulatedWorld}) and by spec changes ({@link
 * FlagVariantEvents}).
 */
class FlagHistoryTest {

  /** Creates the flag rollout as {@code actor} and runs it to its first pause. */
  private static SimulatedWorld created(String actor) {
    SimulatedWorld world = new SimulatedWorld(FlagRolloutPlannerTest.FLAG_ROLLOUT);
    record(world, null, world.document, actor);
    world.settle();
    return world;
  }

  private static void record(SimulatedWorld world, JsonNode before, JsonNode after, String actor) {
    FlagVariantEvents.between("shop", "web", before, after, actor, world.now)
        .ifPresent(world.events::add);
  }

  /** Replaces the spec as {@code actor} would (an edit or an undo), then reconciles. */
  private static void change(SimulatedWorld world, JsonNode next, String actor) {
    world.advance(Duration.ofSeconds(10));
    record(world, world.document, next, actor);
    world.document = next;
    world.advance(Duration.ofSeconds(1));
  }

  private static JsonNode undone(SimulatedWorld world) {
    ObjectNode stored = world.document.deepCopy();
    stored.putObject("status").put("stableRS", world.status.stableHash());
    ObjectNode body = FlagUndo.undo(stored, "");
    body.remove("status");
    return body;
  }

  private static void analysis(SimulatedWorld world, AnalysisPhase verdict) {
    world.advance(Duration.ofMinutes(5));
    world.runs.replaceAll((name, phase) -> verdict);
    world.advance(Duration.ofSeconds(1));
  }

  private static List<FlagRevision> history(SimulatedWorld world) {
    return FlagHistory.of(world.events, world.status.stableHash());
  }

  @Test
  void aPromotedUpdateThenAnUndoShowAsPromotedByTheCreatorAndInProgressByTheUndoer() {
    SimulatedWorld world = created("alice");
    analysis(world, AnalysisPhase.Successful);
    change(world, undone(world), "bob");

    List<FlagRevision> history = history(world);

    assertThat(history)
        .extracting(
            FlagRevision::revision,
            FlagRevision::canaryVariant,
            FlagRevision::stableVariant,
            FlagRevision::triggeredBy,
            FlagRevision::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "on", "off", "alice", Outcome.PROMOTED),
            org.assertj.core.groups.Tuple.tuple(2, "off", "on", "bob", Outcome.IN_PROGRESS));
    assertThat(history.get(0).ended()).isPresent();
    assertThat(history.get(0).ended().get()).isAfter(history.get(0).started());
    assertThat(history.get(1).ended()).isEmpty();
  }

  @Test
  void anUndoDuringAnUpdateEndsItAsUndoneAndTheStableVariantIsPromotedAtOnce() {
    SimulatedWorld world = created("alice");
    change(world, undone(world), "bob");

    List<FlagRevision> history = history(world);

    assertThat(history)
        .extracting(FlagRevision::outcome)
        .containsExactly(Outcome.UNDONE, Outcome.PROMOTED);
    assertThat(history.get(0).ended()).contains(history.get(1).started());
  }

  @Test
  void aFailedAnalysisEndsTheUpdateAsAborted() {
    SimulatedWorld world = created("alice");
    analysis(world, AnalysisPhase.Failed);

    assertThat(history(world)).extracting(FlagRevision::outcome).containsExactly(Outcome.ABORTED);
  }

  @Test
  void settingAnotherCanaryVariantDuringAnUpdateEndsItAsReplaced() {
    SimulatedWorld world = created("alice");
    ObjectNode next = world.document.deepCopy();
    ((ObjectNode) FlagRouting.config(next).orElseThrow()).put("canaryVariant", "beta");
    change(world, next, "carol");

    assertThat(history(world))
        .extracting(FlagRevision::canaryVariant, FlagRevision::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("on", Outcome.REPLACED),
            org.assertj.core.groups.Tuple.tuple("beta", Outcome.IN_PROGRESS));
  }

  @Test
  void aChangeThatKeepsTheVariantsRecordsNoVariantEvent() {
    SimulatedWorld world = created("alice");
    ObjectNode next = world.document.deepCopy();
    ((ObjectNode) next.path("spec")).put("paused", true);

    assertThat(FlagVariantEvents.between("shop", "web", world.document, next, "bob", world.now))
        .isEmpty();
  }

  @Test
  void aPodRolloutRecordsNoVariantEvent() {
    SimulatedWorld pods =
        new SimulatedWorld(
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: web}
            spec:
              replicas: 2
              template: {spec: {containers: [{name: web, image: "web:1"}]}}
              strategy: {canary: {steps: [{setWeight: 20}]}}
            """);

    assertThat(FlagVariantEvents.between("shop", "web", null, pods.document, "bob", pods.now))
        .isEmpty();
  }
}
