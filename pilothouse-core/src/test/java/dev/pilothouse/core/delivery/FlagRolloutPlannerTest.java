package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Yaml;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Flag rollouts through the unchanged canary planner: no pods, the split follows the steps. */
class FlagRolloutPlannerTest {
  static final String FLAG_ROLLOUT =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: new-checkout}
      spec:
        strategy:
          canary:
            trafficRouting:
              plugins:
                pilothouse.dev/flag:
                  flag: new-checkout
                  canaryVariant: "on"
                  stableVariant: "off"
            steps:
              - setWeight: 20
              - pause: {duration: 5m}
              - setWeight: 50
              - analysis: {templates: [{templateName: ok}]}
      """;

  private static FlagRouting routing(SimulatedWorld world) {
    return FlagRouting.of(FlagRouting.config(world.document).orElseThrow());
  }

  @Test
  void aFlagRolloutMayOnlyChangeFlagsOfItsOwnNamespace() {
    FlagRouting own =
        FlagRouting.of(
            Yaml.readAll("{flag: f, canaryVariant: a, stableVariant: b}", "t").getFirst());
    FlagRouting same =
        FlagRouting.of(
            Yaml.readAll("{flag: f, canaryVariant: a, stableVariant: b, environment: shop}", "t")
                .getFirst());
    FlagRouting other =
        FlagRouting.of(
            Yaml.readAll("{flag: f, canaryVariant: a, stableVariant: b, environment: prod}", "t")
                .getFirst());

    assertThat(own.environmentFor("shop")).isEqualTo("shop");
    assertThat(same.environmentFor("shop")).isEqualTo("shop");
    assertThatThrownBy(() -> other.environmentFor("shop"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors().getFirst().field())
                    .isEqualTo(
                        "spec.strategy.canary.trafficRouting.plugins[pilothouse.dev/flag]"
                            + ".environment"));
  }

  @Test
  void creatingAFlagRolloutStartsFromTheStableVariantAtOnceWithoutPods() {
    SimulatedWorld world = new SimulatedWorld(FLAG_ROLLOUT);
    FlagRouting flag = routing(world);

    world.settle();

    assertThat(world.status.stableHash()).isEqualTo(flag.hash("off"));
    assertThat(world.status.currentPodHash()).isEqualTo(flag.hash("on"));
    assertThat(world.status.currentStepIndex()).isEqualTo(1);
    assertThat(world.status.canaryWeight()).isEqualTo(20);
    assertThat(world.routes.getLast())
        .isEqualTo(new Action.RouteTraffic(flag.hash("on"), flag.hash("off"), 20));
    assertThat(world.replicaSets.values()).allMatch(rs -> rs.replicas() == 0);
  }

  @Test
  void completedFlagRolloutLeavesTheCanaryVariantAtAHundredPercent() {
    SimulatedWorld world = new SimulatedWorld(FLAG_ROLLOUT);
    FlagRouting flag = routing(world);
    world.settle();
    world.advance(Duration.ofMinutes(5));
    assertThat(world.status.canaryWeight()).isEqualTo(50);
    world.runs.replaceAll((name, phase) -> AnalysisPhase.Successful);

    world.advance(Duration.ofSeconds(1));

    assertThat(world.status.phase()).isEqualTo("Healthy");
    assertThat(world.status.stableHash()).isEqualTo(flag.hash("on"));
    Action.RouteTraffic last = world.routes.getLast();
    assertThat(flag.split(last.canaryHash(), last.stableHash(), last.canaryWeight()))
        .containsExactly(new FlagRouting.Share("on", 100), new FlagRouting.Share("off", 0));
  }

  @Test
  void failedAnalysisAbortsTheFlagRolloutToZeroPercentCanary() {
    SimulatedWorld world = new SimulatedWorld(FLAG_ROLLOUT);
    FlagRouting flag = routing(world);
    world.settle();
    world.advance(Duration.ofMinutes(5));
    world.runs.replaceAll((name, phase) -> AnalysisPhase.Failed);

    world.advance(Duration.ofSeconds(1));

    assertThat(world.status.abort()).isTrue();
    assertThat(world.status.phase()).isEqualTo("Degraded");
    Action.RouteTraffic last = world.routes.getLast();
    assertThat(flag.split(last.canaryHash(), last.stableHash(), last.canaryWeight()))
        .containsExactly(new FlagRouting.Share("on", 0), new FlagRouting.Share("off", 100));
  }

  @Test
  void changingTheCanaryVariantStartsANewUpdateFromTheVariantThatBecameStable() {
    SimulatedWorld world = new SimulatedWorld(FLAG_ROLLOUT);
    world.settle();
    world.advance(Duration.ofMinutes(5));
    world.runs.replaceAll((name, phase) -> AnalysisPhase.Successful);
    world.advance(Duration.ofSeconds(1));
    ObjectNode plugin = (ObjectNode) FlagRouting.config(world.document).orElseThrow();
    plugin.put("canaryVariant", "v3").put("stableVariant", "on");
    FlagRouting next = routing(world);

    world.advance(Duration.ofSeconds(1));

    assertThat(world.status.stableHash()).isEqualTo(next.hash("on"));
    assertThat(world.status.canaryWeight()).isEqualTo(20);
    Action.RouteTraffic last = world.routes.getLast();
    assertThat(next.split(last.canaryHash(), last.stableHash(), last.canaryWeight()))
        .containsExactly(new FlagRouting.Share("v3", 20), new FlagRouting.Share("on", 80));
  }

  @Test
  void aFlagRolloutWithPodsOrWithoutItsVariantsIsRefusedNamingTheFields() {
    String bad =
        FLAG_ROLLOUT
            .replace("stableVariant: \"off\"", "flagX: 1")
            .replace("  strategy:", "  replicas: 3\n  template: {spec: {}}\n  strategy:");

    assertThatThrownBy(() -> RolloutParser.parse(Yaml.readAll(bad, "t").getFirst()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors().stream().map(x -> x.field()).toList())
                    .containsExactlyInAnyOrder(
                        "spec.replicas",
                        "spec.template",
                        "spec.strategy.canary.trafficRouting.plugins[pilothouse.dev/flag]"
                            + ".stableVariant"));
  }

  @Test
  void theSplitReplacesOnlyTheFractionalInsideOtherRulesAndKeepsItsBucketingKey() {
    var targeting =
        Yaml.readAll(
                """
                if:
                  - ends_with: [{var: email}, "@example.com"]
                  - "on"
                  - fractional: [{var: email}, ["on", 5], ["off", 95]]
                """,
                "t")
            .getFirst();

    var next =
        FlagRouting.withSplit(
            targeting,
            java.util.List.of(new FlagRouting.Share("on", 50), new FlagRouting.Share("off", 50)));

    assertThat(next.toString())
        .isEqualTo(
            "{\"if\":[{\"ends_with\":[{\"var\":\"email\"},\"@example.com\"]},\"on\","
                + "{\"fractional\":[{\"var\":\"email\"},[\"on\",50],[\"off\",50]]}]}");
    assertThat(targeting.toString()).contains("95");
    assertThat(FlagRouting.withSplit(null, java.util.List.of(new FlagRouting.Share("on", 100))))
        .hasToString("{\"fractional\":[[\"on\",100]]}");
  }
}
