package dev.pilothouse.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.ConditionEvaluator;
import dev.pilothouse.core.analysis.InMemoryMetricSource;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricMeasurer;
import dev.pilothouse.core.control.ReconcileResult;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler on a fake clock with an in-memory metric source. */
class AnalysisRunReconcilerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ResourceService resources =
      new ResourceService(KindRegistry.builtin(), new InMemoryResourceStore(), clock);
  private final KindInfo runs = AnalysisKinds.run(resources.kinds());
  private final InMemoryMetricSource metrics = new InMemoryMetricSource();
  private final ConditionEvaluator conditions = new ConditionEvaluator();
  private final AnalysisRunReconciler reconciler =
      new AnalysisRunReconciler(
          resources,
          new AnalysisSpecParser(conditions),
          new MetricMeasurer(metrics, conditions, clock),
          clock);

  private ResourceKey create(String specYaml) {
    JsonNode doc =
        Yaml.readAll(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisRun
                metadata: {name: run, namespace: team-a}
                spec:
                """
                    + specYaml.indent(2),
                "test")
            .getFirst();
    resources.create(runs, "team-a", doc, Actor.SYSTEM);
    return ResourceKey.of(runs, "team-a", "run");
  }

  private JsonNode status() {
    return resources.get(runs, "team-a", "run").status();
  }

  @Test
  void measuresOnScheduleAndEndsSuccessfulWithArgsSubstituted() {
    metrics.answer("rate{job=\"my-app\"}", Measurement.value(List.of(0.995)));
    ResourceKey key =
        create(
            """
            args: [{name: service-name, value: my-app}]
            metrics:
              - name: success-rate
                interval: 1m
                count: 2
                successCondition: result >= 0.99
                provider: {prometheus: {address: "http://p", query: 'rate{job="{{args.service-name}}"}'}}
            """);
    assertThat(reconciler.reconcile(key)).isEqualTo(ReconcileResult.after(Duration.ofMinutes(1)));
    assertThat(status().path("phase").asText()).isEqualTo("Running");
    assertThat(
            status()
                .path("metricResults")
                .get(0)
                .path("measurements")
                .get(0)
                .path("value")
                .asText())
        .isEqualTo("[0.995]");
    clock.advance(Duration.ofMinutes(1));
    assertThat(reconciler.reconcile(key)).isEqualTo(ReconcileResult.done());
    assertThat(status().path("phase").asText()).isEqualTo("Successful");
    assertThat(status().path("metricResults").get(0).path("count").asInt()).isEqualTo(2);
    assertThat(status().path("startedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void anEmptyResultErrorsAndIsRetriedAfterTenSeconds() {
    metrics.answer("q", Measurement.value(List.of()));
    ResourceKey key =
        create(
            """
            metrics: [{name: m, successCondition: "result[0] >= 0.95", provider: {prometheus: {address: a, query: q}}}]
            """);
    assertThat(reconciler.reconcile(key)).isEqualTo(ReconcileResult.after(Duration.ofSeconds(10)));
    JsonNode result = status().path("metricResults").get(0);
    assertThat(result.path("measurements").get(0).path("phase").asText()).isEqualTo("Error");
    assertThat(result.path("consecutiveError").asInt()).isEqualTo(1);
    assertThat(status().path("phase").asText()).isEqualTo("Running");
  }

  @Test
  void anInvalidSpecEndsTheRunInErrorNamingTheField() {
    ResourceKey key = create("metrics: [{name: m, count: 3, provider: {web: {url: u}}}]");
    assertThat(reconciler.reconcile(key)).isEqualTo(ReconcileResult.done());
    assertThat(status().path("phase").asText()).isEqualTo("Error");
    assertThat(status().path("message").asText())
        .contains("spec.metrics[0].count: count > 1 needs an interval");
  }

  @Test
  void aMissingArgumentEndsTheRunInError() {
    ResourceKey key =
        create(
            """
            metrics: [{name: m, provider: {web: {url: "http://x/{{args.svc}}"}}}]
            """);
    reconciler.reconcile(key);
    assertThat(status().path("message").asText()).contains("spec.args.svc");
  }

  @Test
  void aTerminatedRunIsSuccessfulAndNotMeasured() {
    ResourceKey key =
        create(
            """
            metrics: [{name: m, interval: 1m, provider: {web: {url: u}}}]
            terminate: true
            """);
    assertThat(reconciler.reconcile(key)).isEqualTo(ReconcileResult.done());
    assertThat(status().path("phase").asText()).isEqualTo("Successful");
    assertThat(status().path("message").asText()).isEqualTo("Run Terminated");
    assertThat(metrics.calls("web")).isZero();
  }

  @Test
  void aDeletedRunIsIgnored() {
    assertThat(reconciler.reconcile(ResourceKey.of(runs, "team-a", "gone")))
        .isEqualTo(ReconcileResult.done());
  }

  @Test
  void aFinishedRunIsNotWrittenAgain() {
    metrics.answer("web", Measurement.value(1.0));
    ResourceKey key = create("metrics: [{name: m, provider: {web: {url: u}}}]");
    reconciler.reconcile(key);
    long version = resources.get(runs, "team-a", "run").resourceVersion();
    clock.advance(Duration.ofHours(1));
    assertThat(reconciler.reconcile(key)).isEqualTo(ReconcileResult.done());
    assertThat(resources.get(runs, "team-a", "run").resourceVersion()).isEqualTo(version);
    assertThat(metrics.calls("web")).isEqualTo(1);
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
