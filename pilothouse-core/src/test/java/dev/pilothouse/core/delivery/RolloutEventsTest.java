package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.events.PlatformEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutEventsTest {

  @Test
  void aCanaryRunRecordsRevisionStepsPausesAnalysisVerdictAndAbort() {
    SimulatedWorld world = new SimulatedWorld(AnalysisGatesTest.SEED_ANALYSED);
    world.settle();
    List<PlatformEvent> events = new ArrayList<>();
    world.setImage("web:v2");
    RolloutStatus before = world.status;
    world.settle();
    events.addAll(RolloutEvents.between("shop", "web", before, world.status, 5, world.now));
    before = world.status;
    world.advance(Duration.ofMinutes(5));
    world.runs.put(world.started.getFirst(), AnalysisPhase.Failed);
    world.settle();
    events.addAll(RolloutEvents.between("shop", "web", before, world.status, 5, world.now));

    assertThat(events)
        .extracting(PlatformEvent::type)
        .contains(
            "rollout.revision",
            "rollout.step",
            "rollout.paused",
            "rollout.aborted",
            "analysis.failed");
    assertThat(events).allSatisfy(e -> assertThat(e.subject()).isEqualTo("Rollout/web"));
  }

  @Test
  void noChangeMeansNoEvents() {
    RolloutStatus status = RolloutStatus.initial();

    assertThat(RolloutEvents.between("shop", "web", status, status, 3, java.time.Instant.EPOCH))
        .isEmpty();
  }
}
