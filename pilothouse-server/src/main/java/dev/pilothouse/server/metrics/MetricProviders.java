package dev.pilothouse.server.metrics;

import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.core.analysis.MetricSources;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** The metric providers the server ships, keyed as Argo names them. */
public final class MetricProviders {
  private MetricProviders() {}

  /** {@code prometheus} and {@code web} over one HTTP client; overrides from the environment. */
  public static MetricSources standard() {
    return standard(() -> null);
  }

  /** {@code prometheus}, {@code web} and {@code proxy} (reading {@code proxy} when present). */
  public static MetricSources standard(
      java.util.function.Supplier<dev.pilothouse.proxy.ProxyMetrics> proxy) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    Map<String, String> overrides =
        PrometheusMetricSource.parseOverrides(System.getenv(PrometheusMetricSource.OVERRIDES_ENV));
    return new MetricSources(
        Map.<String, MetricSource>of(
            "prometheus", new PrometheusMetricSource(client, overrides),
            "web", new WebMetricSource(client),
            "proxy", new ProxyMetricSource(proxy)));
  }
}
