package dev.pilothouse.proxy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-version request metrics of the proxy: counts by listener, version and status class, and
 * latency histograms, all lock-free. Read as Prometheus text ({@link #writeTo}) or queried over a
 * sliding window of up to ten minutes by the built-in analysis provider.
 */
public final class ProxyMetrics {

  private final Clock clock;
  private final Map<SeriesKey, VersionStats> series = new ConcurrentHashMap<>();

  /** Creates metrics whose windows follow {@code clock}. */
  public ProxyMetrics(Clock clock) {
    this.clock = clock;
  }

  /** Creates metrics on the system clock. */
  public ProxyMetrics() {
    this(Clock.systemUTC());
  }

  /** Records one finished exchange. */
  public void record(String service, String version, int status, long nanos) {
    series
        .computeIfAbsent(new SeriesKey(service, version), key -> new VersionStats())
        .record(clock.millis() / 1000, status, nanos);
  }

  /**
   * Returns the share of requests in the last {@code window} that did not answer 5xx (4xx is the
   * client's fault, so it counts as success, as in Flagger's request-success-rate); empty when
   * there were no requests.
   */
  public OptionalDouble successRate(String service, String version, Duration window) {
    SlidingWindow.Totals totals = totals(service, version, window);
    long requests = totals.requests();
    if (requests == 0) {
      return OptionalDouble.empty();
    }
    long failed = totals.byClass()[CodeClass.C5XX.ordinal()];
    return OptionalDouble.of((double) (requests - failed) / requests);
  }

  /** Returns the {@code q} latency quantile in seconds over the last {@code window}, if any. */
  public OptionalDouble latencyQuantile(String service, String version, double q, Duration window) {
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
    }
    SlidingWindow.Totals totals = totals(service, version, window);
    if (totals.requests() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(LatencyBuckets.quantile(q, totals.byBucket()));
  }

  /** Returns the number of requests in the last {@code window}. */
  public long requests(String service, String version, Duration window) {
    return totals(service, version, window).requests();
  }

  /** Appends the metrics in Prometheus text exposition format 0.0.4. */
  public void writeTo(Appendable out) throws IOException {
    PrometheusWriter.write(series, out);
  }

  private SlidingWindow.Totals totals(String service, String version, Duration window) {
    VersionStats stats = series.get(new SeriesKey(service, version));
    long now = clock.millis() / 1000;
    return stats == null
        ? new SlidingWindow().totals(now, window)
        : stats.window.totals(now, window);
  }

  /** Identifies one series of counters. */
  record SeriesKey(String service, String version) {}
}
