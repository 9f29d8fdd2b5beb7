package dev.pilothouse.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.local.PodState.Health;
import dev.pilothouse.core.local.PodState.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodPlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static PodState pod(String rs, int ordinal, Phase phase, boolean ready) {
    return new PodState(
        "ns", rs + "-" + ordinal, rs, ordinal, phase, ready, Health.HEALTHY, 0, Optional.empty());
  }

  @Test
  void aNewReplicaSetGetsOnePodPerReplicaWithFreeOrdinals() {
    PodPlan plan =
        PodPlanner.plan(
            List.of(new DesiredPods("ns", "web-a", 3, 0, 0)),
            List.of(pod("web-a", 1, Phase.STOPPING, false)),
            NOW);
    assertThat(plan.actions())
        .containsExactly(
            new PodAction.Start("ns", "web-a", "web-a-0"),
            new PodAction.Start("ns", "web-a", "web-a-2"),
            new PodAction.Start("ns", "web-a", "web-a-3"),
            new PodAction.WriteStatus("ns", "web-a", 3, 0));
  }

  @Test
  void scaleDownStopsNotReadyPodsBeforeReadyOnesAndTheNewestFirst() {
    PodPlan plan =
        PodPlanner.plan(
            List.of(new DesiredPods("ns", "web-a", 1, 3, 2)),
            List.of(
                pod("web-a", 0, Phase.RUNNING, true),
                pod("web-a", 1, Phase.RUNNING, false),
                pod("web-a", 2, Phase.RUNNING, true)),
            NOW);
    assertThat(plan.actions())
        .containsExactly(
            new PodAction.Stop("ns", "web-a-1"),
            new PodAction.Stop("ns", "web-a-2"),
            new PodAction.WriteStatus("ns", "web-a", 1, 1));
  }

  @Test
  void podsOfAReplicaSetThatIsGoneAreStopped() {
    PodPlan plan = PodPlanner.plan(List.of(), List.of(pod("old", 0, Phase.RUNNING, true)), NOW);
    assertThat(plan.actions()).containsExactly(new PodAction.Stop("ns", "old-0"));
  }

  @Test
  void anExitedPodIsRestartedOnlyAfterItsBackoffWhichDoublesWithRestarts() {
    PodState crashed =
        new PodState(
            "ns",
            "web-a-0",
            "web-a",
            0,
            Phase.EXITED,
            false,
            Health.HEALTHY,
            2,
            Optional.of(NOW.minusSeconds(3)));
    PodPlan early =
        PodPlanner.plan(List.of(new DesiredPods("ns", "web-a", 1, 1, 0)), List.of(crashed), NOW);
    assertThat(early.actions()).isEmpty();
    assertThat(early.wakeAt()).contains(NOW.plusSeconds(1)); // 1 s x 2^2 after the exit
    PodPlan due =
        PodPlanner.plan(
            List.of(new DesiredPods("ns", "web-a", 1, 1, 0)),
            List.of(crashed),
            NOW.plus(Duration.ofSeconds(1)));
    assertThat(due.actions())
        .containsExactly(new PodAction.Restart("ns", "web-a-0", "ProcessExited"));
  }

  @Test
  void anUnhealthyRunningPodIsRestartedAtOnceNamingTheProbeThatFailed() {
    PodState sick =
        new PodState(
            "ns",
            "web-a-0",
            "web-a",
            0,
            Phase.RUNNING,
            true,
            Health.LIVENESS_FAILED,
            0,
            Optional.empty());
    PodState neverStarted =
        new PodState(
            "ns",
            "web-a-1",
            "web-a",
            1,
            Phase.RUNNING,
            false,
            Health.STARTUP_FAILED,
            0,
            Optional.empty());
    PodPlan plan =
        PodPlanner.plan(
            List.of(new DesiredPods("ns", "web-a", 2, 2, 1)), List.of(sick, neverStarted), NOW);
    assertThat(plan.actions())
        .containsExactly(
            new PodAction.Restart("ns", "web-a-0", "LivenessProbeFailed"),
            new PodAction.Restart("ns", "web-a-1", "StartupProbeFailed"));
  }

  @Test
  void theStatusIsOnlyRewrittenWhenTheCountsChanged() {
    PodPlan plan =
        PodPlanner.plan(
            List.of(new DesiredPods("ns", "web-a", 1, 1, 1)),
            List.of(pod("web-a", 0, Phase.RUNNING, true)),
            NOW);
    assertThat(plan.actions()).isEmpty();
  }
}
