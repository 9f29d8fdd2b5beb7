package dev.pilothouse.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricHistory;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.json.Json;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prometheus provider against a real Prometheus scraping a fake app. */
class PrometheusMetricSourceTest {
  static final String RATIO =
      "sum(rate(http_requests_total{job=\"%s\",status=~\"2..\"}[5m])) / "
          + "sum(rate(http_requests_total{job=\"%s\"}[5m]))";

  private static FakeApp app;
  private static PrometheusServer prometheus;
  private final PrometheusMetricSource source =
      new PrometheusMetricSource(HttpClient.newHttpClient(), Map.of());

  @BeforeAll
  static void startPrometheus() throws Exception {
    Assumptions.assumeTrue(PrometheusServer.available(), "needs the Debian prometheus package");
    app = FakeApp.start().serve("good", 100, 0).serve("bad", 50, 50);
    prometheus = PrometheusServer.start(app.target());
    awaitRates(prometheus.url(), "good");
  }

  /** Waits until Prometheus has enough samples for rate() over the job's series. */
  static void awaitRates(String url, String job) {
    PrometheusMetricSource s = new PrometheusMetricSource(HttpClient.newHttpClient(), Map.of());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            s.measure(provider(url, RATIO.formatted(job, job)), Map.of())
                    instanceof Measurement.Value(List<?> v)
                && !v.isEmpty());
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (app != null) {
      app.close();
    }
  }

  static MetricProvider provider(String address, String query) {
    ObjectNode config = Json.object().put("address", address).put("query", query);
    return new MetricProvider("prometheus", config);
  }

  @Test
  void aVectorQueryReturnsTheSampleValues() {
    Measurement m =
        source.measure(provider(prometheus.url(), RATIO.formatted("good", "good")), Map.of());
    assertThat(m).isEqualTo(Measurement.value(List.of(1.0)));
    Measurement bad =
        source.measure(provider(prometheus.url(), RATIO.formatted("bad", "bad")), Map.of());
    assertThat(bad)
        .isInstanceOfSatisfying(
            Measurement.Value.class,
            v -> assertThat((List<?>) v.value()).singleElement().isEqualTo(0.5));
  }

  @Test
  void aQueryMatchingNothingReturnsAnEmptyList() {
    Measurement m =
        source.measure(provider(prometheus.url(), "http_requests_total{job=\"nobody\"}"), Map.of());
    assertThat(m).isEqualTo(Measurement.value(List.of()));
  }

  @Test
  void aScalarQueryReturnsANumber() {
    assertThat(source.measure(provider(prometheus.url(), "scalar(vector(0.25))"), Map.of()))
        .isEqualTo(Measurement.value(0.25));
  }

  @Test
  void aBadQueryIsABadResponseFailure() {
    assertThat(source.measure(provider(prometheus.url(), "sum(("), Map.of()))
        .isInstanceOfSatisfying(
            Measurement.Failure.class,
            f -> assertThat(f.reason()).isEqualTo(Measurement.Reason.BadResponse));
  }

  @Test
  void anUnreachableAddressIsAnUnavailableFailure() {
    assertThat(source.measure(provider("http://127.0.0.1:1", "up"), Map.of()))
        .isInstanceOfSatisfying(
            Measurement.Failure.class,
            f -> assertThat(f.reason()).isEqualTo(Measurement.Reason.Unavailable));
  }

  @Test
  void anOverriddenAddressIsQueriedInstead() {
    String cluster = "http://prometheus.monitoring.svc.cluster.local:9090";
    PrometheusMetricSource overridden =
        new PrometheusMetricSource(
            HttpClient.newHttpClient(),
            PrometheusMetricSource.parseOverrides(cluster + "=" + prometheus.url() + "/"));
    assertThat(overridden.measure(provider(cluster, "scalar(vector(1))"), Map.of()))
        .isEqualTo(Measurement.value(1.0));
  }

  @Test
  void aMissingQueryIsAMisconfiguration() {
    assertThat(source.measure(provider(prometheus.url(), ""), Map.of()))
        .isInstanceOfSatisfying(
            Measurement.Failure.class,
            f -> assertThat(f.reason()).isEqualTo(Measurement.Reason.Misconfigured));
  }

  private MetricHistory history(String query, Duration lookBack) {
    Instant now = Instant.now();
    return source.history(
        provider(prometheus.url(), query),
        Map.of(),
        now.minus(lookBack),
        now,
        Duration.ofSeconds(1));
  }

  @Test
  void aRangeQueryOfOneSeriesReturnsItsPointsOldestFirstOnePerStep() {
    assertThat(history("scalar(vector(0.25))", Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            MetricHistory.Points.class,
            h -> {
              assertThat(h.points()).hasSizeBetween(20, 21).allMatch(p -> p.value() == 0.25);
              assertThat(h.points())
                  .extracting(MetricHistory.Point::time)
                  .isSortedAccordingTo(Comparator.naturalOrder());
            });
  }

  @Test
  void aRangeQueryMatchingNothingIsAnEmptyHistoryAndSeveralSeriesAreRefused() {
    assertThat(history("http_requests_total{job=\"nobody\"}", Duration.ofSeconds(20)))
        .isEqualTo(new MetricHistory.Points(List.of()));
    assertThat(history("http_requests_total", Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            MetricHistory.Unavailable.class,
            u -> assertThat(u.reason()).matches("the query matched \\d+ series, not one"));
  }

  @Test
  void aBadOrUnreachableRangeQueryIsNoHistoryWithTheReason() {
    assertThat(history("sum((", Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            MetricHistory.Unavailable.class,
            u -> assertThat(u.reason()).startsWith("query failed"));
    Instant now = Instant.now();
    assertThat(
            source.history(
                provider("http://127.0.0.1:1", "up"),
                Map.of(),
                now.minusSeconds(60),
                now,
                Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            MetricHistory.Unavailable.class, u -> assertThat(u.reason()).contains("unreachable"));
  }
}
