package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CanaryPlannerTest {
  static final String SEED_CANARY =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: my-app}
      spec:
        replicas: 4
        strategy:
          canary:
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

  private SimulatedWorld deployedV1(String yaml) {
    SimulatedWorld world = new SimulatedWorld(yaml);
    world.settle();
    world.setImage("my-app:v2");
    return world;
  }

  @Test
  void firstRevisionBecomesStableWithoutSteps() {
    SimulatedWorld world = new SimulatedWorld(SEED_CANARY);

    world.settle();

    assertThat(world.status.phase()).isEqualTo("Healthy");
    assertThat(world.status.stableHash()).isEqualTo(world.spec().templateHash());
    assertThat(world.replicas(world.status.stableHash())).isEqualTo(4);
  }

  @Test
  void seedCanaryShiftsTwentyThenFiftyThenPromotesAfterThePauses() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    String v1 = world.status.stableHash();
    String v2 = world.spec().templateHash();

    world.settle();
    assertThat(world.status.currentStepIndex()).isEqualTo(1);
    assertThat(world.status.phase()).isEqualTo("Paused");
    assertThat(world.replicas(v2)).isEqualTo(1);
    assertThat(world.replicas(v1)).isEqualTo(3);

    world.advance(Duration.ofMinutes(5));
    assertThat(world.status.currentStepIndex()).isEqualTo(3);
    assertThat(world.replicas(v2)).isEqualTo(2);
    assertThat(world.replicas(v1)).isEqualTo(2);

    world.advance(Duration.ofMinutes(9));
    assertThat(world.status.currentStepIndex()).isEqualTo(3);

    world.advance(Duration.ofMinutes(1));
    assertThat(world.status.stableHash()).isEqualTo(v2);
    assertThat(world.status.phase()).isEqualTo("Healthy");
    assertThat(world.replicas(v2)).isEqualTo(4);
  }

  @Test
  void oldStableIsScaledDownOnlyAfterScaleDownDelay() {
    String oneStep =
        SEED_CANARY.substring(0, SEED_CANARY.indexOf("- setWeight: 20"))
            + "- setWeight: 50\n"
            + SEED_CANARY.substring(SEED_CANARY.indexOf("  selector"));
    SimulatedWorld world = deployedV1(oneStep);
    String v1 = world.status.stableHash();

    world.settle();
    assertThat(world.replicaSets.get(v1).scaleDownAt()).isPresent();

    world.advance(Duration.ofSeconds(31));
    assertThat(world.replicas(v1)).isZero();
  }

  @Test
  void stepWaitsUntilCanaryReplicasAreReady() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    world.podsBecomeReady = false;

    world.settle();

    assertThat(world.status.currentStepIndex()).isZero();
    assertThat(world.status.phase()).isEqualTo("Progressing");
    assertThat(world.last.requeueAfter()).isPresent();
  }

  @Test
  void abortSendsEverythingBackToStable() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    String v1 = world.status.stableHash();
    String v2 = world.spec().templateHash();
    world.settle();

    world.status = RolloutActions.abort(world.status, "test", world.now);
    world.settle();

    assertThat(world.status.phase()).isEqualTo("Degraded");
    assertThat(world.status.message()).startsWith("RolloutAborted");
    assertThat(world.replicas(v1)).isEqualTo(4);
    assertThat(world.replicas(v2)).isZero();
  }

  @Test
  void retryAfterAbortStartsTheStepsAgain() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    world.settle();
    world.status = RolloutActions.abort(world.status, "test", world.now);
    world.settle();

    world.status = RolloutActions.retry(world.status);
    world.settle();

    assertThat(world.status.abort()).isFalse();
    assertThat(world.status.currentStepIndex()).isEqualTo(1);
    assertThat(world.replicas(world.spec().templateHash())).isEqualTo(1);
  }

  @Test
  void promoteSkipsAnIndefinitePause() {
    SimulatedWorld world = deployedV1(SEED_CANARY.replace("pause: {duration: 5m}", "pause: {}"));
    world.settle();
    world.advance(Duration.ofHours(2));
    assertThat(world.status.currentStepIndex()).isEqualTo(1);

    world.status = RolloutActions.promote(world.status, false);
    world.settle();

    assertThat(world.status.currentStepIndex()).isEqualTo(3);
  }

  @Test
  void promoteFullSkipsEveryRemainingStep() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    world.settle();

    world.status = RolloutActions.promote(world.status, true);
    world.settle();

    assertThat(world.status.stableHash()).isEqualTo(world.spec().templateHash());
    assertThat(world.status.phase()).isEqualTo("Healthy");
  }

  @Test
  void newRevisionMidRolloutRestartsTheStepsAndDropsTheOldCanary() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    world.settle();
    world.advance(Duration.ofMinutes(5));
    String v2 = world.spec().templateHash();

    world.setImage("my-app:v3");
    world.settle();

    assertThat(world.status.currentStepIndex()).isEqualTo(1);
    assertThat(world.replicas(v2)).isZero();
    assertThat(world.replicas(world.spec().templateHash())).isEqualTo(1);
  }

  @Test
  void goingBackToTheStableTemplateMidRolloutSettlesAtOnce() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    world.settle();
    String v2 = world.spec().templateHash();

    world.setImage("my-app:v1");
    world.settle();

    assertThat(world.status.phase()).isEqualTo("Healthy");
    assertThat(world.replicas(v2)).isZero();
  }

  @Test
  void setCanaryScaleOverridesTheCanarySizeWithATrafficRouter() {
    String routed =
        SEED_CANARY
            .replace(
                "    canary:\n",
                "    canary:\n      trafficRouting: {plugins: {example/router: {}}}\n")
            .replace("- setWeight: 20", "- setCanaryScale: {replicas: 3}\n        - setWeight: 20");
    SimulatedWorld world = deployedV1(routed);
    String v1 = world.status.stableHash();

    world.settle();

    assertThat(world.replicas(world.spec().templateHash())).isEqualTo(3);
    assertThat(world.replicas(v1)).isEqualTo(4);
    assertThat(world.weights).last().isEqualTo(20);
  }

  @Test
  void specPausedHoldsTheRollout() {
    SimulatedWorld world = deployedV1(SEED_CANARY);
    ((com.fasterxml.jackson.databind.node.ObjectNode) world.document.path("spec"))
        .put("paused", true);

    world.settle();

    assertThat(world.status.currentStepIndex()).isZero();
    assertThat(world.status.phase()).isEqualTo("Paused");
  }
}
