package dev.pilothouse.core.delivery.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.InMemoryMetricSource;
import dev.pilothouse.core.analysis.Measurement;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollout scenarios every runtime must pass the same way: a canary with pauses and analysis, an
 * abort (manual and by failed analysis), and a blue/green switch and switch-back. Subclasses
 * provide the {@link RolloutWorld}; analysis providers answer from {@link #metrics}.
 */
public abstract class RolloutContract {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Scripted answers for the analysis providers, keyed by query. */
  protected final InMemoryMetricSource metrics = new InMemoryMetricSource();

  private RolloutWorld world;

  /** Starts a fresh world whose analysis measures through {@code metrics}. */
  protected abstract RolloutWorld open(InMemoryMetricSource metrics) throws Exception;

  /**
   * The container image of a revision; scenarios only need two different templates. A real cluster
   * overrides this with images that start.
   */
  protected String image(String version) {
    return "web:" + version;
  }

  @BeforeEach
  void openWorld() throws Exception {
    world = open(metrics);
    world.apply(
        """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: success-rate, namespace: delivery}
        spec:
          metrics:
            - name: success-rate
              successCondition: result >= 0.95
              provider:
                prometheus:
                  address: http://prometheus.invalid:9090
                  query: success-rate
        """);
    for (String service : new String[] {"web-stable", "web-canary", "web-active", "web-preview"}) {
      world.apply(
          """
          apiVersion: v1
          kind: Service
          metadata: {name: %s, namespace: delivery}
          spec:
            selector: {app: web}
            ports: [{port: 80}]
          """
              .formatted(service));
    }
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  private static String canary(String name, String image, String steps) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: %s, namespace: delivery}
    spec:
      replicas: 4
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: "%s"}]
      strategy:
        canary:
          stableService: web-stable
          canaryService: web-canary
          steps: %s
    """
        .formatted(name, image, steps);
  }

  private static String blueGreen(String name, String image) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: %s, namespace: delivery}
    spec:
      replicas: 2
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: "%s"}]
      strategy:
        blueGreen:
          activeService: web-active
          previewService: web-preview
          autoPromotionEnabled: false
          postPromotionAnalysis:
            templates: [{templateName: success-rate}]
    """
        .formatted(name, image);
  }

  private JsonNode await(String rollout, String what, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode last = world.status(rollout);
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("rollout " + rollout + " never became " + what + ": " + last);
      }
      sleep();
      last = world.status(rollout);
    }
    return last;
  }

  private void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never " + what);
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Predicate<JsonNode> phase(String phase) {
    return s -> s.path("phase").asText().equals(phase);
  }

  private static Predicate<JsonNode> healthyAt(String notHash) {
    return s ->
        s.path("phase").asText().equals("Healthy")
            && !s.path("stableRS").asText().isEmpty()
            && !s.path("stableRS").asText().equals(notHash);
  }

  @Test
  void aCanaryWalksPausesAndAPassingAnalysisToPromotion() {
    metrics.answer("success-rate", Measurement.value(0.99));
    String steps =
        "[{setWeight: 25}, {pause: {}}, {analysis: {templates: [{templateName: success-rate}]}},"
            + " {setWeight: 75}, {pause: {}}]";
    world.apply(canary("web", image("v1"), steps));
    String v1 = await("web", "Healthy", healthyAt("")).path("stableRS").asText();
    awaitTrue("web-stable selects v1", () -> world.selectedHash("web-stable").equals(v1));

    world.apply(canary("web", image("v2"), steps));
    JsonNode paused = await("web", "paused on step 1", phase("Paused"));
    String v2 = paused.path("currentPodHash").asText();
    assertThat(v2).isNotEqualTo(v1);
    assertThat(paused.path("currentStepIndex").asInt()).isEqualTo(1);
    awaitTrue("canary at 1 of 4 replicas", () -> world.replicas("web", v2) == 1);
    assertThat(world.replicas("web", v1)).isEqualTo(3);
    awaitTrue("web-canary selects v2", () -> world.selectedHash("web-canary").equals(v2));
    assertThat(world.selectedHash("web-stable")).isEqualTo(v1);

    world.promote("web", false);
    JsonNode second =
        await(
            "web",
            "paused after the analysis",
            s -> phase("Paused").test(s) && s.path("currentStepIndex").asInt() == 4);
    assertThat(second.path("canary").path("weights").path("canary").path("weight").asInt())
        .isEqualTo(75);
    assertThat(metrics.calls("success-rate")).isGreaterThanOrEqualTo(1);
    awaitTrue("canary at 3 of 4 replicas", () -> world.replicas("web", v2) == 3);

    world.promote("web", false);
    JsonNode done = await("web", "Healthy on v2", healthyAt(v1));
    assertThat(done.path("stableRS").asText()).isEqualTo(v2);
    awaitTrue("web-stable selects v2", () -> world.selectedHash("web-stable").equals(v2));
    awaitTrue("v2 at full size", () -> world.replicas("web", v2) == 4);
  }

  @Test
  void aManualAbortSendsEverythingBackToStable() {
    String steps = "[{setWeight: 50}, {pause: {}}]";
    world.apply(canary("gate", image("v1"), steps));
    String v1 = await("gate", "Healthy", healthyAt("")).path("stableRS").asText();
    world.apply(canary("gate", image("v2"), steps));
    String v2 = await("gate", "Paused", phase("Paused")).path("currentPodHash").asText();
    awaitTrue("canary at 2 of 4", () -> world.replicas("gate", v2) == 2);

    world.abort("gate");
    JsonNode aborted = await("gate", "Degraded", phase("Degraded"));
    assertThat(aborted.path("message").asText()).startsWith("RolloutAborted");
    assertThat(aborted.path("stableRS").asText()).isEqualTo(v1);
    awaitTrue("stable back at 4", () -> world.replicas("gate", v1) == 4);
    assertThat(world.selectedHash("web-stable")).isEqualTo(v1);
  }

  @Test
  void aFailingAnalysisAbortsTheCanary() {
    metrics.answer("success-rate", Measurement.value(0.5));
    String steps = "[{setWeight: 25}, {analysis: {templates: [{templateName: success-rate}]}}]";
    world.apply(canary("bad", image("v1"), steps));
    String v1 = await("bad", "Healthy", healthyAt("")).path("stableRS").asText();
    world.apply(canary("bad", image("v2"), steps));

    JsonNode aborted =
        await(
            "bad",
            "aborted with all traffic on stable",
            s ->
                phase("Degraded").test(s)
                    && s.path("abort").asBoolean()
                    && s.path("canary").path("weights").path("canary").path("weight").asInt() == 0);
    assertThat(aborted.path("message").asText()).startsWith("RolloutAborted");
    assertThat(aborted.path("stableRS").asText()).isEqualTo(v1);
    awaitTrue("stable back at 4", () -> world.replicas("bad", v1) == 4);
  }

  @Test
  void blueGreenSwitchesOnPromoteAndSwitchesBackWhenPostPromotionAnalysisFails() {
    metrics.answer("success-rate", Measurement.value(0.1));
    world.apply(blueGreen("bg", image("v1")));
    String v1 = await("bg", "Healthy", healthyAt("")).path("stableRS").asText();
    awaitTrue("active selects v1", () -> world.selectedHash("web-active").equals(v1));

    world.apply(blueGreen("bg", image("v2")));
    String v2 = await("bg", "Paused", phase("Paused")).path("currentPodHash").asText();
    awaitTrue("preview selects v2", () -> world.selectedHash("web-preview").equals(v2));
    assertThat(world.selectedHash("web-active")).isEqualTo(v1);
    awaitTrue("v2 at full size beside v1", () -> world.replicas("bg", v2) == 2);

    world.promote("bg", false);
    JsonNode back = await("bg", "Degraded after the switch-back", phase("Degraded"));
    assertThat(back.path("stableRS").asText()).isEqualTo(v1);
    awaitTrue("active selects v1 again", () -> world.selectedHash("web-active").equals(v1));
    assertThat(metrics.calls("success-rate")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void blueGreenPromotesWhenPostPromotionAnalysisPasses() {
    metrics.answer("success-rate", Measurement.value(1.0));
    world.apply(blueGreen("blue", image("v1")));
    String v1 = await("blue", "Healthy", healthyAt("")).path("stableRS").asText();
    world.apply(blueGreen("blue", image("v2")));
    String v2 = await("blue", "Paused", phase("Paused")).path("currentPodHash").asText();

    world.promote("blue", false);
    JsonNode done = await("blue", "Healthy on v2", healthyAt(v1));
    assertThat(done.path("stableRS").asText()).isEqualTo(v2);
    awaitTrue("active selects v2", () -> world.selectedHash("web-active").equals(v2));
  }
}
