package dev.pilothouse.proxy;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Writes {@link ProxyMetrics} series as Prometheus text. */
final class PrometheusWriter {

  static final String REQUESTS = "pilothouse_proxy_requests_total";
  static final String DURATION = "pilothouse_proxy_request_duration_seconds";

  private PrometheusWriter() {}

  static void write(Map<ProxyMetrics.SeriesKey, VersionStats> series, Appendable out)
      throws IOException {
    List<Map.Entry<ProxyMetrics.SeriesKey, VersionStats>> sorted =
        series.entrySet().stream()
            .sorted(
                Comparator.comparing(
                        (Map.Entry<ProxyMetrics.SeriesKey, VersionStats> e) -> e.getKey().service())
                    .thenComparing(e -> e.getKey().version()))
            .toList();
    out.append("# HELP ").append(REQUESTS).append(" Proxied requests by status class.\n");
    out.append("# TYPE ").append(REQUESTS).append(" counter\n");
    for (var entry : sorted) {
      writeCounts(entry.getKey(), entry.getValue(), out);
    }
    out.append("# HELP ").append(DURATION).append(" Proxied request duration.\n");
    out.append("# TYPE ").append(DURATION).append(" histogram\n");
    for (var entry : sorted) {
      writeHistogram(entry.getKey(), entry.getValue(), out);
    }
  }

  private static void writeCounts(ProxyMetrics.SeriesKey key, VersionStats stats, Appendable out)
      throws IOException {
    for (CodeClass codeClass : CodeClass.values()) {
      out.append(REQUESTS).append('{').append(labels(key));
      out.append(",code_class=\"").append(codeClass.label()).append("\"} ");
      out.append(Long.toString(stats.byClass[codeClass.ordinal()].sum())).append('\n');
    }
  }

  private static void writeHistogram(ProxyMetrics.SeriesKey key, VersionStats stats, Appendable out)
      throws IOException {
    String labels = labels(key);
    long cumulative = 0;
    for (int i = 0; i < LatencyBuckets.COUNT; i++) {
      cumulative += stats.byBucket[i].sum();
      String le =
          i < LatencyBuckets.UPPER_SECONDS.length
              ? Double.toString(LatencyBuckets.UPPER_SECONDS[i])
              : "+Inf";
      out.append(DURATION).append("_bucket{").append(labels);
      out.append(",le=\"").append(le).append("\"} ").append(Long.toString(cumulative));
      out.append('\n');
    }
    out.append(DURATION).append("_sum{").append(labels).append("} ");
    out.append(Double.toString(stats.secondsSum.sum())).append('\n');
    out.append(DURATION).append("_count{").append(labels).append("} ");
    out.append(Long.toString(cumulative)).append('\n');
  }

  private static String labels(ProxyMetrics.SeriesKey key) {
    return "service=\"" + escape(key.service()) + "\",version=\"" + escape(key.version()) + "\"";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
