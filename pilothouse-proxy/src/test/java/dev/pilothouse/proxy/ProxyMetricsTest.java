package dev.pilothouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
  private final ProxyMetrics metrics = new ProxyMetrics(new SteppedClock());

  @Test
  void successRateCountsOnly5xxAsFailures() {
    record("canary", 200, 90);
    record("canary", 404, 5);
    record("canary", 503, 5);

    assertThat(metrics.successRate("web", "canary", Duration.ofMinutes(1)))
        .hasValueCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void successRateIsEmptyWithoutRequests() {
    assertThat(metrics.successRate("web", "canary", Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void p99FallsInTheBucketOfTheSlowestOnePercent() {
    for (int i = 0; i < 990; i++) {
      metrics.record("web", "stable", 200, 3_000_000);
    }
    for (int i = 0; i < 10; i++) {
      metrics.record("web", "stable", 200, 300_000_000);
    }

    double p99 =
        metrics.latencyQuantile("web", "stable", 0.99, Duration.ofMinutes(1)).orElseThrow();
    double p50 = metrics.latencyQuantile("web", "stable", 0.5, Duration.ofMinutes(1)).orElseThrow();

    assertThat(p99).isBetween(0.0025, 0.005);
    assertThat(p50).isBetween(0.0025, 0.005);
    assertThat(metrics.latencyQuantile("web", "stable", 0.999, Duration.ofMinutes(1)).orElseThrow())
        .isBetween(0.25, 0.5);
  }

  @Test
  void requestsOlderThanTheWindowAreLeftOut() {
    record("canary", 500, 10);
    now.set(now.get().plusSeconds(90));
    record("canary", 200, 10);

    assertThat(metrics.successRate("web", "canary", Duration.ofMinutes(1))).hasValue(1.0);
    assertThat(metrics.requests("web", "canary", Duration.ofMinutes(5))).isEqualTo(20);
  }

  @Test
  void prometheusTextHasCountsByClassAndACumulativeHistogram() throws IOException {
    record("canary", 200, 3);
    record("canary", 500, 1);
    StringBuilder text = new StringBuilder();

    metrics.writeTo(text);

    assertThat(text.toString())
        .contains("# TYPE pilothouse_proxy_requests_total counter")
        .contains(
            "pilothouse_proxy_requests_total{service=\"web\",version=\"canary\",code_class=\"2xx\"} 3")
        .contains(
            "pilothouse_proxy_requests_total{service=\"web\",version=\"canary\",code_class=\"5xx\"} 1")
        .contains("# TYPE pilothouse_proxy_request_duration_seconds histogram")
        .contains(
            "pilothouse_proxy_request_duration_seconds_bucket{service=\"web\",version=\"canary\",le=\"+Inf\"} 4")
        .contains(
            "pilothouse_proxy_request_duration_seconds_count{service=\"web\",version=\"canary\"} 4");
  }

  private void record(String version, int status, int times) {
    for (int i = 0; i < times; i++) {
      metrics.record("web", version, status, 1_000_000);
    }
  }

  /** A clock the test moves by hand. */
  private final class SteppedClock extends Clock {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
