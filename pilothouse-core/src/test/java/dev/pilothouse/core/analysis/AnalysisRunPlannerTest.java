package dev.pilothouse.core.analysis;

import static dev.pilothouse.core.analysis.AnalysisFixtures.spec;
import static dev.pilothouse.core.analysis.AnalysisPhase.Error;
import static dev.pilothouse.core.analysis.AnalysisPhase.Failed;
import static dev.pilothouse.core.analysis.AnalysisPhase.Inconclusive;
import static dev.pilothouse.core.analysis.AnalysisPhase.Running;
import static dev.pilothouse.core.analysis.AnalysisPhase.Successful;
import static dev.pilothouse.core.analysis.RunSimulation.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisRunPlannerTest {
  private static final String COUNTED =
      "metrics: [{name: m, interval: 1m, count: 3, provider: {web: {url: u}}}]";

  private static RunSimulation sim(String specYaml) {
    return new RunSimulation(spec(specYaml));
  }

  @Test
  void aSingleMeasurementMetricSucceedsAfterOneGoodMeasurement() {
    RunSimulation s =
        sim("metrics: [{name: m, provider: {web: {url: u}}}]").script("m", Successful);
    assertThat(s.tick()).containsExactly("m");
    assertThat(s.status.phase()).isEqualTo(Successful);
    assertThat(s.status.startedAt()).isEqualTo(T0);
    assertThat(AnalysisRunPlanner.plan(s.spec(), s.status, T0).nextCheck()).isEmpty();
  }

  @Test
  void aCountedMetricWaitsTheIntervalBetweenMeasurements() {
    RunSimulation s = sim(COUNTED).script("m", Successful, Successful, Successful);
    assertThat(s.tick()).containsExactly("m");
    assertThat(s.status.phase()).isEqualTo(Running);
    assertThat(s.tickAfter(Duration.ofSeconds(59))).isEmpty();
    assertThat(s.lastPlan.nextCheck()).contains(T0.plusSeconds(60));
    assertThat(s.tickAfter(Duration.ofSeconds(1))).containsExactly("m");
    assertThat(s.tickAfter(Duration.ofSeconds(60))).containsExactly("m");
    assertThat(s.status.phase()).isEqualTo(Successful);
    assertThat(s.result("m").count()).isEqualTo(3);
  }

  @Test
  void initialDelayPostponesTheFirstMeasurement() {
    RunSimulation s =
        sim("metrics: [{name: m, initialDelay: 30s, provider: {web: {url: u}}}]")
            .script("m", Successful);
    assertThat(s.tick()).isEmpty();
    assertThat(s.status.phase()).isEqualTo(Running);
    assertThat(s.lastPlan.nextCheck()).contains(T0.plusSeconds(30));
    assertThat(s.tickAfter(Duration.ofSeconds(30))).containsExactly("m");
    assertThat(s.status.phase()).isEqualTo(Successful);
  }

  @Test
  void oneFailureFailsTheRunWhenFailureLimitIsZero() {
    RunSimulation s = sim(COUNTED).script("m", Successful, Failed);
    s.runToEnd(5);
    assertThat(s.status.phase()).isEqualTo(Failed);
    assertThat(s.status.message())
        .isEqualTo("metric \"m\" assessed Failed due to failed (1) > failureLimit (0)");
    assertThat(s.result("m").failed()).isEqualTo(1);
  }

  @Test
  void failuresUpToTheFailureLimitAreTolerated() {
    RunSimulation s =
        sim("metrics: [{name: m, interval: 1m, count: 3, failureLimit: 1, provider: {web: {url: u}}}]")
            .script("m", Failed, Successful, Successful);
    assertThat(s.runToEnd(5).phase()).isEqualTo(Successful);
  }

  @Test
  void failureLimitMinusOneNeverFailsTheMetric() {
    RunSimulation s =
        sim("metrics: [{name: m, interval: 1m, count: 3, failureLimit: -1, provider: {web: {url: u}}}]")
            .script("m", Failed, Failed, Failed);
    assertThat(s.runToEnd(5).phase()).isEqualTo(Successful);
    assertThat(s.result("m").failed()).isEqualTo(3);
  }

  @Test
  void inconclusiveMeasurementsBeyondTheLimitMakeTheRunInconclusive() {
    RunSimulation s = sim(COUNTED).script("m", Successful, Inconclusive);
    assertThat(s.runToEnd(5).phase()).isEqualTo(Inconclusive);
    assertThat(s.status.message()).contains("inconclusive (1) > inconclusiveLimit (0)");
  }

  @Test
  void errorsDoNotCountTowardCountAndAreRetriedAfterTenSeconds() {
    RunSimulation s = sim(COUNTED).script("m", Error, Successful, Successful, Successful);
    s.tick();
    assertThat(s.result("m").count()).isZero();
    assertThat(s.result("m").error()).isEqualTo(1);
    assertThat(s.tickAfter(Duration.ofSeconds(9))).isEmpty();
    assertThat(s.lastPlan.nextCheck()).contains(T0.plusSeconds(10));
    assertThat(s.tickAfter(Duration.ofSeconds(1))).containsExactly("m");
    assertThat(s.result("m").count()).isEqualTo(1);
    assertThat(s.result("m").consecutiveError()).isZero();
    s.runToEnd(5);
    assertThat(s.status.phase()).isEqualTo(Successful);
    assertThat(s.result("m").measurements()).hasSize(4);
  }

  @Test
  void errorMeasurementsBeyondConsecutiveErrorLimitFailTheRun() {
    RunSimulation s = sim(COUNTED).script("m", Error, Error, Error, Error, Error);
    s.runToEnd(10);
    assertThat(s.status.phase()).isEqualTo(Error);
    assertThat(s.result("m").consecutiveError()).isEqualTo(5);
    assertThat(s.status.message()).contains("consecutiveErrors (5) > consecutiveErrorLimit (4)");
    assertThat(s.now).isEqualTo(T0.plusSeconds(40));
  }

  @Test
  void fourErrorsInARowAreToleratedByDefault() {
    RunSimulation s =
        sim(COUNTED).script("m", Error, Error, Error, Error, Successful, Successful, Successful);
    assertThat(s.runToEnd(10).phase()).isEqualTo(Successful);
    assertThat(s.result("m").error()).isEqualTo(4);
  }

  @Test
  void aCustomConsecutiveErrorLimitOfZeroErrorsOnTheFirstError() {
    RunSimulation s =
        sim("metrics: [{name: m, consecutiveErrorLimit: 0, provider: {web: {url: u}}}]")
            .script("m", Error);
    s.tick();
    assertThat(s.status.phase()).isEqualTo(Error);
  }

  @Test
  void consecutiveSuccessLimitEndsAnOpenEndedMetricEarly() {
    RunSimulation s =
        sim("metrics: [{name: m, interval: 1m, consecutiveSuccessLimit: 2, failureLimit: -1, provider: {web: {url: u}}}]")
            .script("m", Successful, Failed, Successful, Successful);
    assertThat(s.runToEnd(10).phase()).isEqualTo(Successful);
    assertThat(s.result("m").count()).isEqualTo(4);
    assertThat(s.result("m").message()).contains("consecutiveSuccessLimit (2)");
  }

  @Test
  void anIntervalWithoutCountMeasuresUntilTerminated() {
    String yaml = "metrics: [{name: m, interval: 10s, provider: {web: {url: u}}}]";
    RunSimulation s = sim(yaml).script("m", Successful, Successful, Successful, Successful);
    s.tick();
    s.tickAfter(Duration.ofSeconds(10));
    s.tickAfter(Duration.ofSeconds(10));
    assertThat(s.status.phase()).isEqualTo(Running);
    RunPlan terminated = AnalysisRunPlanner.plan(spec(yaml + "\nterminate: true"), s.status, s.now);
    assertThat(terminated.due()).isEmpty();
    assertThat(terminated.status().phase()).isEqualTo(Successful);
    assertThat(terminated.status().message()).isEqualTo("Run Terminated");
    assertThat(terminated.nextCheck()).isEmpty();
  }

  @Test
  void twoFailuresExceedAFailureLimitOfOne() {
    String yaml = "metrics: [{name: m, interval: 10s, failureLimit: 1, provider: {web: {url: u}}}]";
    RunSimulation s = sim(yaml).script("m", Failed, Failed);
    s.tick();
    s.tickAfter(Duration.ofSeconds(10));
    assertThat(s.status.phase()).isEqualTo(Failed);
  }

  @Test
  void aMetricTerminatedBeforeItsFirstMeasurementIsSuccessful() {
    RunPlan p =
        AnalysisRunPlanner.plan(
            spec(
                "metrics: [{name: m, initialDelay: 5m, provider: {web: {url: u}}}]\nterminate: true"),
            RunStatus.empty(),
            T0);
    assertThat(p.status().phase()).isEqualTo(Successful);
    assertThat(p.status().result("m").orElseThrow().message())
        .isEqualTo("metric terminated prior to running");
  }

  @Test
  void aFailedMetricEndsTheRunWhileOthersAreStillRunning() {
    RunSimulation s =
        sim("""
        metrics:
          - {name: slow, interval: 1m, count: 5, provider: {web: {url: u}}}
          - {name: fast, provider: {web: {url: u}}}
        """)
            .script("slow", Successful)
            .script("fast", Failed);
    assertThat(s.tick()).containsExactly("slow", "fast");
    assertThat(s.status.phase()).isEqualTo(Failed);
    assertThat(s.result("slow").phase()).isEqualTo(Running);
    assertThat(AnalysisRunPlanner.plan(s.spec(), s.status, s.now.plusSeconds(60)).due()).isEmpty();
  }

  @Test
  void theRunTakesTheWorstPhaseOfItsMetrics() {
    RunSimulation s =
        sim("""
        metrics:
          - {name: a, provider: {web: {url: u}}}
          - {name: b, provider: {web: {url: u}}}
        """)
            .script("a", Inconclusive)
            .script("b", Failed);
    s.tick();
    assertThat(s.status.phase()).isEqualTo(Failed);
  }

  @Test
  void aDryRunMetricNeverFailsTheRun() {
    RunSimulation s =
        sim("""
        metrics:
          - {name: real, provider: {web: {url: u}}}
          - {name: experimental, provider: {web: {url: u}}}
        dryRun: [{metricName: experimental}]
        """)
            .script("real", Successful)
            .script("experimental", Failed);
    s.tick();
    assertThat(s.status.phase()).isEqualTo(Successful);
    assertThat(s.result("experimental").phase()).isEqualTo(Failed);
    assertThat(s.result("experimental").dryRun()).isTrue();
  }

  @Test
  void anAllDryRunAnalysisSucceedsWhenItsMetricsComplete() {
    RunSimulation s =
        sim("metrics: [{name: x, provider: {web: {url: u}}}]\ndryRun: [{metricName: '.*'}]")
            .script("x", Error, Error, Error, Error, Error);
    assertThat(s.runToEnd(10).phase()).isEqualTo(Successful);
    assertThat(s.result("x").phase()).isEqualTo(Error);
  }

  @Test
  void measurementRetentionKeepsTheNewestButCountsEverything() {
    RunSimulation s =
        sim("""
        metrics: [{name: m, interval: 1s, count: 5, provider: {web: {url: u}}}]
        measurementRetention: [{metricName: m, limit: 2}]
        """)
            .script("m", Successful, Successful, Successful, Successful, Successful);
    s.runToEnd(10);
    assertThat(s.result("m").measurements()).hasSize(2);
    assertThat(s.result("m").measurements().getLast().startedAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(s.result("m").count()).isEqualTo(5);
  }

  @Test
  void defaultRetentionKeepsTenMeasurements() {
    RunSimulation s =
        sim("metrics: [{name: m, interval: 1s, count: 12, provider: {web: {url: u}}}]");
    s.script("m", java.util.Collections.nCopies(12, Successful).toArray(AnalysisPhase[]::new));
    s.runToEnd(20);
    assertThat(s.result("m").measurements()).hasSize(10);
  }

  @Test
  void countZeroMeansTheMetricNeverRuns() {
    RunSimulation s =
        sim("metrics: [{name: m, interval: 1m, count: 0, provider: {web: {url: u}}}]");
    assertThat(s.tick()).isEmpty();
    assertThat(s.status.phase()).isEqualTo(Successful);
  }

  @Test
  void aFinishedRunIsNeverMeasuredAgain() {
    RunStatus done = new RunStatus(Failed, "x", T0, List.of());
    RunPlan p = AnalysisRunPlanner.plan(spec(COUNTED), done, T0.plusSeconds(3600));
    assertThat(p.due()).isEmpty();
    assertThat(p.status()).isEqualTo(done);
    assertThat(p.finished()).isTrue();
  }

  @Test
  void anEmptyPrometheusResultIsAnErrorNotASuccess() {
    InMemoryMetricSource source =
        new InMemoryMetricSource().answer("q", Measurement.value(List.of()));
    MetricMeasurer measurer =
        new MetricMeasurer(
            source,
            AnalysisFixtures.CONDITIONS,
            java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
    AnalysisSpec spec =
        spec(
            """
            metrics:
              - name: m
                successCondition: result[0] >= 0.95
                provider: {prometheus: {address: "http://p", query: q}}
            """);
    MeasurementRecord m = measurer.measure(spec.metrics().getFirst(), java.util.Map.of());
    assertThat(m.phase()).isEqualTo(Error);
    assertThat(m.value()).isEqualTo("[]");
    RunStatus status =
        AnalysisRunPlanner.record(spec, RunStatus.empty(), java.util.Map.of("m", m), T0);
    assertThat(status.phase()).isEqualTo(Running);
    assertThat(status.result("m").orElseThrow().count()).isZero();
  }
}
