package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.analysis.AnalysisPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalysisGatesTest {
  static final String SEED_ANALYSED =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: my-app-analysed}
      spec:
        replicas: 4
        strategy:
          canary:
            analysis:
              startingStep: 2
              templates:
                - templateName: success-rate
              args:
                - name: service-name
                  value: my-app
            steps:
              - setWeight: 20
              - pause: {duration: 5m}
              - setWeight: 50
              - pause: {duration: 10m}
              - setWeight: 100
        selector: {matchLabels: {app: my-app}}
        template:
          metadata: {labels: {app: my-app}}
          spec:
            containers:
              - name: my-app
                image: my-app:v1
      """;

  static final String INLINE =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: web}
      spec:
        replicas: 2
        strategy:
          canary:
            steps:
              - setWeight: 50
              - analysis:
                  templates: [{templateName: success-rate}]
              - setWeight: 100
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: web:v1}]
      """;

  private static SimulatedWorld rollingV2(String yaml) {
    SimulatedWorld world = new SimulatedWorld(yaml);
    world.settle();
    world.setImage("web:v2");
    world.settle();
    return world;
  }

  @Test
  void backgroundAnalysisStartsAtTheStartingStepOnly() {
    SimulatedWorld world = rollingV2(SEED_ANALYSED);
    assertThat(world.started).isEmpty();

    world.advance(Duration.ofMinutes(5));

    assertThat(world.started).singleElement().asString().endsWith("-bg");
    assertThat(world.status.currentStepIndex()).isEqualTo(3);
  }

  @Test
  void failedBackgroundAnalysisAbortsTheRollout() {
    SimulatedWorld world = rollingV2(SEED_ANALYSED);
    world.advance(Duration.ofMinutes(5));
    String stable = world.status.stableHash();

    world.runs.put(world.started.getFirst(), AnalysisPhase.Failed);
    world.settle();

    assertThat(world.status.abort()).isTrue();
    assertThat(world.status.phase()).isEqualTo("Degraded");
    assertThat(world.status.message()).contains("Failed");
    assertThat(world.replicas(stable)).isEqualTo(4);
  }

  @Test
  void backgroundAnalysisIsTerminatedWhenTheRolloutCompletes() {
    SimulatedWorld world = rollingV2(SEED_ANALYSED);
    world.advance(Duration.ofMinutes(5));

    world.advance(Duration.ofMinutes(10));

    assertThat(world.status.phase()).isEqualTo("Healthy");
    assertThat(world.runs.get(world.started.getFirst())).isEqualTo(AnalysisPhase.Successful);
  }

  @Test
  void inlineAnalysisBlocksUntilSuccessful() {
    SimulatedWorld world = rollingV2(INLINE);
    assertThat(world.status.currentStepIndex()).isEqualTo(1);
    assertThat(world.started).hasSize(1);

    world.runs.put(world.started.getFirst(), AnalysisPhase.Successful);
    world.settle();

    assertThat(world.status.phase()).isEqualTo("Healthy");
  }

  @Test
  void errorVerdictAbortsLikeFailed() {
    SimulatedWorld world = rollingV2(INLINE);

    world.runs.put(world.started.getFirst(), AnalysisPhase.Error);
    world.settle();

    assertThat(world.status.abort()).isTrue();
  }

  @Test
  void inconclusiveAnalysisPausesUntilPromoted() {
    SimulatedWorld world = rollingV2(INLINE);
    world.runs.put(world.started.getFirst(), AnalysisPhase.Inconclusive);
    world.settle();
    assertThat(world.status.phase()).isEqualTo("Paused");
    assertThat(world.status.pause())
        .get()
        .extracting(RolloutStatus.PauseCondition::reason)
        .isEqualTo("InconclusiveAnalysisRun");

    world.status = RolloutActions.promote(world.status, false);
    world.settle();

    assertThat(world.status.phase()).isEqualTo("Healthy");
  }

  @Test
  void runNamesAreStableAcrossReconciles() {
    SimulatedWorld world = rollingV2(INLINE);

    world.settle();
    world.settle();

    assertThat(world.started).hasSize(1);
  }
}
