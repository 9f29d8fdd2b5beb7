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
  // The same stats by service, then version: looked up per request with no key object to build.
  private final Map<String, Map<String, VersionStats>> byService = new ConcurrentHashMap<>();

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
    Map<String, VersionStats> versions = byService.get(service);
    VersionStats stats = versions == null ? null : versions.get(version);
    if (stats == null) {
      stats = series.computeIfAbsent(new SeriesKey(service, version), key -> new VersionStats());
      byService.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).put(version, stats);
    }
    stats.record(clock.millis() / 1000, status, nanos);
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

  /** Returns the services (listeners) with recorded requests, sorted. */
  public java.util.SortedSet<String> services() {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    series.keySet().forEach(k -> out.add(k.service()));
    return out;
  }

  /** Returns the versions with recorded requests on a service, sorted. */
  public java.util.SortedSet<String> versions(String service) {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    series.keySet().stream()
        .filter(k -> k.service().equals(service))
        .forEach(k -> out.add(k.version()));
    return out;
  }

  /**
   * Returns the success rate in each of the last {@code points} steps of {@code step} (oldest
   * first; empty where a step had no requests), for charts. {@code step × points} must be within
   * ten minutes.
   */
  public java.util.List<OptionalDouble> successRateHistory(
      String service, String version, Duration step, int points) {
    VersionStats stats = series.get(new SeriesKey(service, version));
    long now = clock.millis() / 1000;
    long stepSeconds = Math.max(1, step.toSeconds());
    java.util.List<OptionalDouble> out = new java.util.ArrayList<>(points);
    for (int i = points - 1; i >= 0; i--) {
      if (stats == null) {
        out.add(OptionalDouble.empty());
        continue;
      }
      SlidingWindow.Totals t = stats.totals(now - i * stepSeconds, Duration.ofSeconds(stepSeconds));
      long requests = t.requests();
      out.add(
          requests == 0
              ? OptionalDouble.empty()
              : OptionalDouble.of(
                  (double) (requests - t.byClass()[CodeClass.C5XX.ordinal()]) / requests));
    }
    return out;
  }

  /** Appends the metrics in Prometheus text exposition format 0.0.4. */
  public void writeTo(Appendable out) throws IOException {
    PrometheusWriter.write(series, out);
  }

  private SlidingWindow.Totals totals(String service, String version, Duration window) {
    VersionStats stats = series.get(new SeriesKey(service, version));
    long now = clock.millis() / 1000;
    return stats == null ? new SlidingWindow().totals(now, window) : stats.totals(now, window);
  }

  /** Identifies one series of counters. */
  record SeriesKey(String service, String version) {}
}
