package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.analysis.AnalysisPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlueGreenPlannerTest {
  static String rollout(String extra) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: web}
    spec:
      replicas: 3
      strategy:
        blueGreen:
          activeService: web-active
          previewService: web-preview
    %s
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: web:v1}]
    """
        .formatted(extra);
  }

  private static SimulatedWorld v2(String extra) {
    SimulatedWorld world = new SimulatedWorld(rollout(extra));
    world.settle();
    world.setImage("web:v2");
    return world;
  }

  @Test
  void autoPromotionSwitchesActiveOnceThePreviewIsReady() {
    SimulatedWorld world = v2("");
    String v1 = world.status.stableHash();
    String v2 = world.spec().templateHash();

    world.settle();

    assertThat(world.services).containsEntry("web-active", v2).containsEntry("web-preview", v2);
    assertThat(world.status.stableHash()).isEqualTo(v2);
    world.advance(Duration.ofSeconds(31));
    assertThat(world.replicas(v1)).isZero();
  }

  @Test
  void manualPromotionWaitsPausedWithPreviewOnTheNewRevision() {
    SimulatedWorld world = v2("      autoPromotionEnabled: false");
    String v1 = world.status.stableHash();
    String v2 = world.spec().templateHash();

    world.settle();
    assertThat(world.status.phase()).isEqualTo("Paused");
    assertThat(world.services).containsEntry("web-active", v1).containsEntry("web-preview", v2);

    world.status = RolloutActions.promote(world.status, false);
    world.settle();

    assertThat(world.services).containsEntry("web-active", v2);
    assertThat(world.status.phase()).isEqualTo("Healthy");
  }

  @Test
  void autoPromotionSecondsDelaysTheSwitch() {
    SimulatedWorld world = v2("      autoPromotionSeconds: 60");
    String v1 = world.status.stableHash();

    world.settle();
    assertThat(world.services).containsEntry("web-active", v1);

    world.advance(Duration.ofSeconds(60));
    assertThat(world.services).containsEntry("web-active", world.spec().templateHash());
  }

  @Test
  void failedPrePromotionAnalysisNeverSwitches() {
    SimulatedWorld world = v2("      prePromotionAnalysis: {templates: [{templateName: smoke}]}");
    String v1 = world.status.stableHash();
    world.settle();

    world.runs.put(world.started.getFirst(), AnalysisPhase.Failed);
    world.settle();

    assertThat(world.services).containsEntry("web-active", v1);
    assertThat(world.status.phase()).isEqualTo("Degraded");
  }

  @Test
  void failedPostPromotionAnalysisSwitchesBack() {
    SimulatedWorld world = v2("      postPromotionAnalysis: {templates: [{templateName: smoke}]}");
    String v1 = world.status.stableHash();
    world.settle();
    assertThat(world.services).containsEntry("web-active", world.spec().templateHash());

    world.runs.put(world.started.getFirst(), AnalysisPhase.Failed);
    world.settle();

    assertThat(world.services).containsEntry("web-active", v1);
    assertThat(world.status.abort()).isTrue();
  }

  @Test
  void previewReplicaCountScalesUpBeforeTheSwitch() {
    SimulatedWorld world = v2("      previewReplicaCount: 1\n      autoPromotionEnabled: false");
    String v2 = world.spec().templateHash();

    world.settle();
    assertThat(world.replicas(v2)).isEqualTo(1);

    world.status = RolloutActions.promote(world.status, false);
    world.settle();
    assertThat(world.replicas(v2)).isEqualTo(3);
  }
}
