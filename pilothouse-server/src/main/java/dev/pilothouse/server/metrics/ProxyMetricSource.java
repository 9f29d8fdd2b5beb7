package dev.pilothouse.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.GoDuration;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.proxy.ProxyMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The built-in {@code proxy} analysis provider: success rate, latency quantiles and request counts
 * of one version behind Pilothouse's own proxy, with no Prometheus needed.
 *
 * <pre>
 * provider:
 *   proxy:
 *     service: demo                    # Service name (its namespace is the run's), or ns/name
 *     version: "{{args.canary-hash}}"  # pod-template hash of the revision
 *     metric: success-rate             # success-rate | p50 | p90 | p95 | p99 | requests
 *     window: 30s                      # 1s to 10m, default 1m
 * </pre>
 *
 * A window without requests gives an error measurement (inconclusive), not a value.
 */
public final class ProxyMetricSource implements MetricSource {
  private static final Duration MAX_WINDOW = Duration.ofMinutes(10);

  private final Supplier<ProxyMetrics> metrics;

  /** Reads {@code metrics} (empty supplier result when the server runs no proxy). */
  public ProxyMetricSource(Supplier<ProxyMetrics> metrics) {
    this.metrics = metrics;
  }

  @Override
  public Measurement measure(MetricProvider provider, Map<String, String> context) {
    JsonNode c = provider.config();
    String service = c.path("service").asText("");
    String version = c.path("version").asText("");
    String metric = c.path("metric").asText("success-rate");
    if (service.isEmpty() || version.isEmpty()) {
      return misconfigured("proxy needs service and version");
    }
    Duration window;
    try {
      window = GoDuration.parseOrThrow(c.path("window").asText("1m"));
    } catch (RuntimeException e) {
      return misconfigured("proxy.window: " + e.getMessage());
    }
    if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      return misconfigured("proxy.window must be between 1s and 10m");
    }
    ProxyMetrics m = metrics.get();
    if (m == null) {
      return Measurement.failure(
          Measurement.Reason.Unavailable, "this server runs no proxy (local runtime is off)");
    }
    String listener = service.contains("/") ? service : context.get("namespace") + "/" + service;
    OptionalDouble value;
    switch (metric) {
      case "success-rate" -> value = m.successRate(listener, version, window);
      case "requests" -> {
        return Measurement.value((double) m.requests(listener, version, window));
      }
      default -> {
        if (!metric.matches("p(\\d{2})")) {
          return misconfigured(
              "proxy.metric must be success-rate, requests or pNN (e.g. p99), not " + metric);
        }
        value =
            m.latencyQuantile(
                listener, version, Integer.parseInt(metric.substring(1)) / 100.0, window);
      }
    }
    if (value.isEmpty()) {
      return Measurement.failure(
          Measurement.Reason.Unavailable,
          "no requests to " + listener + " version " + version + " in the last " + window);
    }
    return Measurement.value(value.getAsDouble());
  }

  private static Measurement misconfigured(String message) {
    return Measurement.failure(Measurement.Reason.Misconfigured, message);
  }
}
