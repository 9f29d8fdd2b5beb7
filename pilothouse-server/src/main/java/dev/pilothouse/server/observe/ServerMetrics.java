package dev.pilothouse.server.observe;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Pilothouse's own metrics in one registry: HTTP requests by route and status, request latency,
 * database pool state, open watches, and the JVM.
 */
public final class ServerMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests =
      Counter.builder()
          .name("pilothouse_http_requests_total")
          .help("HTTP requests served, by method, route template and status code")
          .labelNames("method", "route", "status")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("pilothouse_http_request_duration_seconds")
          .help("HTTP request latency (watches excluded), by method and route template")
          .labelNames("method", "route")
          .classicUpperBounds(
              0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .register(registry);

  /** Registers the JVM metrics too. */
  /** The registry, for components that register their own metrics (e.g. the Kubernetes runtime). */
  public PrometheusRegistry registry() {
    return registry;
  }

  public ServerMetrics() {
    JvmMetrics.builder().register(registry);
  }

  /** Counts a finished request and, unless it was a long-lived stream, its latency. */
  public void request(String method, String route, int status, double seconds, boolean stream) {
    requests.labelValues(method, route, Integer.toString(status)).inc();
    if (!stream) {
      latency.labelValues(method, route).observe(seconds);
    }
  }

  /** Database pool gauges read at scrape time. */
  public void databasePool(
      IntSupplier active, IntSupplier idle, IntSupplier pending, IntSupplier total) {
    GaugeWithCallback.builder()
        .name("pilothouse_db_pool_connections")
        .help("Database connections by state (active, idle, total) and threads waiting (pending)")
        .labelNames("state")
        .callback(cb -> {
          cb.call(active.getAsInt(), "active");
          cb.call(idle.getAsInt(), "idle");
          cb.call(pending.getAsInt(), "pending");
          cb.call(total.getAsInt(), "total");
        })
        .register(registry);
  }

  /** A gauge read at scrape time, e.g. open watches. */
  public void gauge(String name, String help, IntSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsInt()))
        .register(registry);
  }

  /**
   * A labelled gauge read at scrape time: {@code values} returns one value per label-value list (in
   * the order of {@code labelNames}).
   */
  public void labelledGauge(
      String name,
      String help,
      List<String> labelNames,
      Supplier<Map<List<String>, Double>> values) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames.toArray(String[]::new))
        .callback(
            cb -> values.get().forEach((labels, v) -> cb.call(v, labels.toArray(String[]::new))))
        .register(registry);
  }

  /** Metrics written by others in the Prometheus text format (e.g. the proxy's). */
  @FunctionalInterface
  public interface TextSource {
    /** Appends the metrics' text. */
    void writeTo(Appendable out) throws IOException;
  }

  private final java.util.List<TextSource> extra =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Appends {@code source}'s metrics to every scrape. */
  public void add(TextSource source) {
    extra.add(source);
  }

  /** Writes every metric in the Prometheus text format. */
  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
    if (!extra.isEmpty()) {
      StringBuilder text = new StringBuilder();
      for (TextSource source : extra) {
        source.writeTo(text);
      }
      out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** The content type of {@link #write}. */
  public String contentType() {
    return writer.getContentType();
  }
}
