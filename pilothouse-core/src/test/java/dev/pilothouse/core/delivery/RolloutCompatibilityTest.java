package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Argo Rollout documents in their exact shapes: parse, validate, and round-trip unchanged. */
class RolloutCompatibilityTest {
  private final KindRegistry kinds = KindRegistry.builtin();
  private final ResourceService service =
      new ResourceService(kinds, new InMemoryResourceStore(), Clock.systemUTC());
  private final KindInfo rollouts = kinds.byPath("argoproj.io", "v1alpha1", "rollouts");

  static Stream<String> documents() throws IOException {
    List<String> docs = new ArrayList<>();
    for (String name : List.of("canary-every-step.yaml", "bluegreen-every-field.yaml")) {
      try (InputStream in = RolloutCompatibilityTest.class.getResourceAsStream("compat/" + name)) {
        docs.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    docs.add(seedRollouts());
    return docs.stream();
  }

  private static String seedRollouts() throws IOException {
    Path seeds = Path.of("../../shared/specs/seed-examples.yaml");
    if (!Files.exists(seeds)) {
      seeds = Path.of("../shared/specs/seed-examples.yaml");
    }
    return Files.readString(seeds);
  }

  @ParameterizedTest
  @MethodSource("documents")
  void argoDocumentsParseValidateAndRoundTripUnchanged(String yaml) {
    for (JsonNode doc : Yaml.readAll(yaml, "compat")) {
      if (!doc.path("kind").asText().equals("Rollout")) {
        continue;
      }
      RolloutParser.parse(doc);
      Resource stored = service.create(rollouts, "compat", doc, Actor.SYSTEM);
      Resource read = service.get(rollouts, "compat", stored.name());

      assertThat(read.json().get("spec")).isEqualTo(doc.get("spec"));
      assertThat(read.metadata().path("labels")).isEqualTo(doc.path("metadata").path("labels"));
    }
  }

  @Test
  void argoDefaultsApplyWhenFieldsAreAbsent() throws IOException {
    RolloutSpec spec = RolloutParser.parse(Yaml.readAll(seedRollouts(), "seeds").getFirst());
    Strategy.Canary canary = (Strategy.Canary) spec.strategy();

    assertThat(spec.revisionHistoryLimit()).isEqualTo(10);
    assertThat(spec.progressDeadline().toSeconds()).isEqualTo(600);
    assertThat(canary.scaleDownDelay().toSeconds()).isEqualTo(30);
    assertThat(canary.abortScaleDownDelay().toSeconds()).isEqualTo(30);
    assertThat(canary.steps()).hasSize(5);
  }

  @Test
  void everyStepTypeIsRecognised() throws IOException {
    JsonNode doc = Yaml.readAll(documents().findFirst().orElseThrow(), "compat").getFirst();
    Strategy.Canary canary = (Strategy.Canary) RolloutParser.parse(doc).strategy();

    assertThat(canary.steps())
        .extracting(s -> s.getClass().getSimpleName())
        .containsExactly(
            "SetCanaryScale",
            "SetWeight",
            "Unsupported",
            "Pause",
            "SetCanaryScale",
            "SetWeight",
            "Analysis",
            "Unsupported",
            "Pause",
            "Unsupported",
            "SetCanaryScale",
            "Unsupported",
            "SetWeight");
    assertThat(((CanaryStep.Pause) canary.steps().get(8)).duration())
        .contains(java.time.Duration.ofMinutes(90));
  }

  @Test
  void invalidFieldsAreAllNamedWithTheirPaths() {
    String bad =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: bad}
        spec:
          replicas: -1
          template: {spec: {containers: [{name: a}]}}
          strategy:
            canary:
              steps:
                - setWeight: 20
                - pause: {duration: soon}
                - setWeight: 120
                - setCanaryScale: {replicas: 1, weight: 5}
                - dance: {}
        """;

    assertThatThrownBy(() ->
            service.create(rollouts, "compat", Yaml.readAll(bad, "bad").getFirst(), Actor.SYSTEM))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::toString)
                    .contains(
                        "spec.replicas: must be 0..100000",
                        "spec.strategy.canary.steps[1].pause.duration: 'soon' is not a duration (e.g. 250ms, 10s, 5m, 1h30m)",
                        "spec.strategy.canary.steps[2].setWeight: must be 0..100",
                        "spec.strategy.canary.steps[3].setCanaryScale: exactly one of replicas, weight or matchTrafficWeight is required")
                    .anyMatch(s -> s.startsWith("spec.strategy.canary.steps[4]: unknown step")));
  }

  @Test
  void blueGreenNeedsAnActiveService() {
    String bad =
        "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: bg}\nspec:\n  template: {}\n  strategy: {blueGreen: {previewService: p}}\n";

    assertThatThrownBy(() -> RolloutParser.parse(Yaml.readAll(bad, "bad").getFirst()))
        .hasMessageContaining("spec.strategy.blueGreen.activeService: is required");
  }
}
