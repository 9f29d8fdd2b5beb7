package dev.pilothouse.core.analysis;

import static dev.pilothouse.core.analysis.AnalysisFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalysisSpecParserTest {

  @Test
  void theSeedTemplateParsesWithArgoDefaults() {
    AnalysisSpec spec = AnalysisFixtures.PARSER.parse(AnalysisFixtures.seedTemplate().path("spec"));
    MetricSpec m = spec.metrics().getFirst();
    assertThat(m.name()).isEqualTo("success-rate");
    assertThat(m.interval()).contains(Duration.ofMinutes(1));
    assertThat(m.count()).contains(3);
    assertThat(m.failureLimit()).isZero();
    assertThat(m.inconclusiveLimit()).isZero();
    assertThat(m.consecutiveErrorLimit()).isEqualTo(4);
    assertThat(m.consecutiveSuccessLimit()).isZero();
    assertThat(m.provider().type()).isEqualTo("prometheus");
    assertThat(m.provider().config().path("query").asText()).contains("{{args.service-name}}");
    assertThat(spec.args()).singleElement().satisfies(a -> assertThat(a.hasValue()).isFalse());
  }

  @Test
  void unknownFieldsAreKeptInTheRawDocument() {
    AnalysisSpec s =
        spec(
            """
            metrics:
              - name: a
                futureField: 7
                provider: {web: {url: "http://x"}}
            extra: true
            """);
    assertThat(s.raw().path("extra").asBoolean()).isTrue();
    assertThat(s.metrics().getFirst().raw().path("futureField").asInt()).isEqualTo(7);
  }

  @Test
  void aMetricWithoutIntervalOrCountMeasuresOnce() {
    MetricSpec m = spec("metrics: [{name: a, provider: {web: {url: u}}}]").metrics().getFirst();
    assertThat(m.effectiveCount()).contains(1);
  }

  @Test
  void anIntervalWithoutCountMeasuresUntilTerminated() {
    MetricSpec m =
        spec("metrics: [{name: a, interval: 30s, provider: {web: {url: u}}}]").metrics().getFirst();
    assertThat(m.effectiveCount()).isEqualTo(Optional.empty());
  }

  @Test
  void countAndLimitsMayBeStringsAsArgoIntOrStringFieldsAllow() {
    MetricSpec m =
        spec("""
        metrics: [{name: a, interval: 1m, count: "3", failureLimit: "-1", provider: {web: {url: u}}}]
        """)
            .metrics()
            .getFirst();
    assertThat(m.count()).contains(3);
    assertThat(m.failureLimit()).isEqualTo(-1);
  }

  @Test
  void countAboveOneWithoutIntervalIsRejectedNamingTheField() {
    assertThatThrownBy(() ->
            spec(
                """
                metrics:
                  - {name: a, provider: {web: {url: u}}}
                  - {name: b, count: 3, provider: {web: {url: u}}}
                """))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("spec.metrics[1].count: count > 1 needs an interval");
  }

  @Test
  void everyBadFieldIsReportedAtOnce() {
    assertThatThrownBy(() ->
            spec(
                """
                metrics:
                  - name: a
                    interval: soon
                    failureLimit: -2
                    successCondition: "result >="
                    provider: {}
                  - {name: a, provider: {web: {url: u}}}
                dryRun: [{metricName: "("}]
                """))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "spec.metrics[0].interval",
                        "spec.metrics[0].failureLimit",
                        "spec.metrics[0].successCondition",
                        "spec.metrics[0].provider",
                        "spec.metrics[1].name",
                        "spec.dryRun[0].metricName"));
  }

  @Test
  void aSpecWithoutMetricsIsRejected() {
    assertThatThrownBy(() -> spec("args: []"))
        .hasMessageContaining("spec.metrics: at least one metric is required");
  }

  @Test
  void dryRunAndRetentionMatchMetricNamesByRegex() {
    AnalysisSpec s =
        spec(
            """
            metrics: [{name: latency-p99, provider: {web: {url: u}}}]
            dryRun: [{metricName: "latency-.*"}]
            measurementRetention: [{metricName: ".*", limit: 3}]
            """);
    assertThat(s.isDryRun("latency-p99")).isTrue();
    assertThat(s.isDryRun("errors")).isFalse();
    assertThat(s.retentionLimit("latency-p99")).isEqualTo(3);
  }

  @Test
  void retentionDefaultsToTenMeasurements() {
    assertThat(spec("metrics: [{name: a, provider: {web: {url: u}}}]").retentionLimit("a"))
        .isEqualTo(10);
  }
}
