package dev.pilothouse.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.proxy.ProxyMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyMetricSourceTest {
  private final ProxyMetrics metrics =
      new ProxyMetrics(Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
  private final ProxyMetricSource source = new ProxyMetricSource(() -> metrics);
  private static final Map<String, String> CONTEXT = Map.of("namespace", "shop");

  private Measurement measure(String config) {
    return source.measure(new MetricProvider("proxy", Json.parse(config)), CONTEXT);
  }

  @Test
  void successRateCountsOnly5xxAsFailuresForTheServiceInTheRunsNamespace() {
    for (int i = 0; i < 90; i++) {
      metrics.record("shop/web", "abc", 200, 1_000_000);
    }
    for (int i = 0; i < 5; i++) {
      metrics.record("shop/web", "abc", 404, 1_000_000);
      metrics.record("shop/web", "abc", 503, 1_000_000);
    }
    metrics.record("other/web", "abc", 500, 1_000_000);
    assertThat(measure("{\"service\":\"web\",\"version\":\"abc\",\"window\":\"30s\"}"))
        .isEqualTo(Measurement.value(0.95));
    assertThat(measure("{\"service\":\"web\",\"version\":\"abc\",\"metric\":\"requests\"}"))
        .isEqualTo(Measurement.value(100.0));
    assertThat(measure("{\"service\":\"other/web\",\"version\":\"abc\"}"))
        .isEqualTo(Measurement.value(0.0));
  }

  @Test
  void latencyQuantilesAreInSeconds() {
    for (int i = 0; i < 100; i++) {
      metrics.record("shop/web", "abc", 200, 3_000_000); // 3 ms: the 2.5-5 ms bucket
    }
    Measurement p99 = measure("{\"service\":\"web\",\"version\":\"abc\",\"metric\":\"p99\"}");
    assertThat(((Measurement.Value) p99).value()).isInstanceOf(Double.class);
    assertThat((Double) ((Measurement.Value) p99).value()).isBetween(0.0025, 0.005);
  }

  @Test
  void noRequestsInTheWindowIsAnErrorNotAValue() {
    assertThat(measure("{\"service\":\"web\",\"version\":\"abc\"}"))
        .isInstanceOfSatisfying(
            Measurement.Failure.class,
            f -> {
              assertThat(f.reason()).isEqualTo(Measurement.Reason.Unavailable);
              assertThat(f.message()).contains("no requests to shop/web version abc");
            });
  }

  @Test
  void badProviderBlocksAreMisconfiguredWithTheFieldNamed() {
    assertThat(measure("{\"version\":\"abc\"}"))
        .isEqualTo(
            Measurement.failure(
                Measurement.Reason.Misconfigured, "proxy needs service and version"));
    assertThat(measure("{\"service\":\"web\",\"version\":\"abc\",\"metric\":\"p999x\"}"))
        .isInstanceOfSatisfying(
            Measurement.Failure.class, f -> assertThat(f.message()).contains("proxy.metric"));
    assertThat(measure("{\"service\":\"web\",\"version\":\"abc\",\"window\":\"11m\"}"))
        .isInstanceOfSatisfying(
            Measurement.Failure.class, f -> assertThat(f.message()).contains("proxy.window"));
    assertThat(measure("{\"service\":\"web\",\"version\":\"abc\",\"window\":\"soon\"}"))
        .isInstanceOfSatisfying(
            Measurement.Failure.class, f -> assertThat(f.message()).contains("proxy.window"));
  }

  @Test
  void aServerWithoutTheLocalRuntimeSaysItRunsNoProxy() {
    Measurement m =
        new ProxyMetricSource(() -> null)
            .measure(
                new MetricProvider("proxy", Json.parse("{\"service\":\"web\",\"version\":\"a\"}")),
                CONTEXT);
    assertThat(m)
        .isInstanceOfSatisfying(
            Measurement.Failure.class, f -> assertThat(f.message()).contains("runs no proxy"));
  }
}
