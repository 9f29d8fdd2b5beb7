package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.error.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Undo of flag rollouts, planned through the unchanged canary planner. */
class FlagUndoTest {
  private static FlagRouting routing(SimulatedWorld world) {
    return FlagRouting.of(FlagRouting.config(world.document).orElseThrow());
  }

  /** Undoes as the API does: on the stored document, whose status carries stableRS. */
  private static void undo(SimulatedWorld world) {
    ObjectNode stored = world.document.deepCopy();
    stored.putObject("status").put("stableRS", world.status.stableHash());
    ObjectNode undone = FlagUndo.undo(stored, "");
    undone.remove("status");
    world.document = undone;
  }

  private static FlagRouting.Share[] lastSplit(SimulatedWorld world) {
    Action.RouteTraffic last = world.routes.getLast();
    return routing(world)
        .split(last.canaryHash(), last.stableHash(), last.canaryWeight())
        .toArray(FlagRouting.Share[]::new);
  }

  private static SimulatedWorld completed() {
    SimulatedWorld world = new SimulatedWorld(FlagRolloutPlannerTest.FLAG_ROLLOUT);
    world.settle();
    world.advance(Duration.ofMinutes(5));
    world.runs.replaceAll((name, phase) -> AnalysisPhase.Successful);
    world.advance(Duration.ofSeconds(1));
    assertThat(world.status.phase()).isEqualTo("Healthy");
    return world;
  }

  @Test
  void undoDuringAnUpdateSendsEveryoneBackToTheStableVariantAtOnce() {
    SimulatedWorld world = new SimulatedWorld(FlagRolloutPlannerTest.FLAG_ROLLOUT);
    world.settle();
    assertThat(world.status.canaryWeight()).isEqualTo(20);

    undo(world);
    world.advance(Duration.ofSeconds(1));

    FlagRouting swapped = routing(world);
    assertThat(swapped.canaryVariant()).isEqualTo("off");
    assertThat(swapped.stableVariant()).isEqualTo("on");
    assertThat(world.status.phase()).isEqualTo("Healthy");
    assertThat(world.status.stableHash()).isEqualTo(swapped.hash("off"));
    assertThat(lastSplit(world))
        .containsExactly(new FlagRouting.Share("off", 100), new FlagRouting.Share("on", 0));
  }

  @Test
  void undoAfterAnAbortAlsoSettlesOnTheStableVariantAndClearsTheAbort() {
    SimulatedWorld world = new SimulatedWorld(FlagRolloutPlannerTest.FLAG_ROLLOUT);
    world.settle();
    world.advance(Duration.ofMinutes(5));
    world.runs.replaceAll((name, phase) -> AnalysisPhase.Failed);
    world.advance(Duration.ofSeconds(1));
    assertThat(world.status.phase()).isEqualTo("Degraded");

    undo(world);
    world.advance(Duration.ofSeconds(1));

    assertThat(world.status.abort()).isFalse();
    assertThat(world.status.phase()).isEqualTo("Healthy");
    assertThat(lastSplit(world))
        .containsExactly(new FlagRouting.Share("off", 100), new FlagRouting.Share("on", 0));
  }

  @Test
  void undoAfterACompletedUpdateRunsTheStepsBackToTheVariantItReplaced() {
    SimulatedWorld world = completed();

    undo(world);
    world.advance(Duration.ofSeconds(1));

    FlagRouting swapped = routing(world);
    assertThat(world.status.stableHash()).isEqualTo(swapped.hash("on"));
    assertThat(world.status.currentPodHash()).isEqualTo(swapped.hash("off"));
    assertThat(world.status.canaryWeight()).isEqualTo(20);
    assertThat(lastSplit(world))
        .containsExactly(new FlagRouting.Share("off", 20), new FlagRouting.Share("on", 80));
  }

  @Test
  void undoingTwiceDuringAnUpdateReturnsToTheOriginalRelease() {
    SimulatedWorld world = new SimulatedWorld(FlagRolloutPlannerTest.FLAG_ROLLOUT);
    world.settle();
    undo(world);
    world.advance(Duration.ofSeconds(1));

    undo(world);
    world.advance(Duration.ofSeconds(1));

    assertThat(routing(world).canaryVariant()).isEqualTo("on");
    assertThat(world.status.canaryWeight()).isEqualTo(20);
    assertThat(lastSplit(world))
        .containsExactly(new FlagRouting.Share("on", 20), new FlagRouting.Share("off", 80));
  }

  @Test
  void aRevisionNumberOrAMissingEarlierVariantIsRefusedNamingToRevision() {
    SimulatedWorld world = new SimulatedWorld(FlagRolloutPlannerTest.FLAG_ROLLOUT);
    ObjectNode same = world.document.deepCopy();
    ((ObjectNode) FlagRouting.config(same).orElseThrow()).put("stableVariant", "on");

    assertThatThrownBy(() -> FlagUndo.undo(world.document, "2"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.fieldErrors().getFirst().field()).isEqualTo("toRevision");
              assertThat(e.fieldErrors().getFirst().message())
                  .contains("cannot be undone to a numbered revision");
            });
    assertThatThrownBy(() -> FlagUndo.undo(same, ""))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors().getFirst().message())
                    .contains("there is no earlier revision")
                    .contains("'on'"));
  }

  @Test
  void aStableRevisionThatIsNeitherVariantIsRefusedRatherThanGuessed() {
    SimulatedWorld world = completed();
    ObjectNode plugin = (ObjectNode) FlagRouting.config(world.document).orElseThrow();
    plugin.put("canaryVariant", "v3").put("stableVariant", "off"); // "on" won, but says "off"

    assertThatThrownBy(() -> undo(world))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.fieldErrors().getFirst().field()).isEqualTo("status.stableRS");
              assertThat(e.getMessage()).contains("'v3'").contains("'off'");
            });
  }
}
