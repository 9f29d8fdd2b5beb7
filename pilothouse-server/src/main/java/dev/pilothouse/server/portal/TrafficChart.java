package dev.pilothouse.server.portal;

import dev.pilothouse.proxy.ProxyMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Success rate per version of one Service behind the proxy over the last two minutes, one line per
 * revision of a rollout, drawn as inline SVG (no script needed; the page polls it for updates).
 *
 * @param service the proxy listener ({@code namespace/name})
 * @param series one line per version, oldest revision first
 * @param low the chart's bottom edge (success rate), the top is 1
 */
public record TrafficChart(String service, List<Series> series, String low) {
  /** Width of the drawing area in SVG units. */
  public static final int WIDTH = 480;

  /** Height of the drawing area in SVG units. */
  public static final int HEIGHT = 120;

  /** Seconds per point. */
  public static final int STEP_SECONDS = 2;

  /** Points per line (two minutes). */
  public static final int POINTS = 60;

  private static final String[] COLORS = {"#667085", "#f79009", "#2e90fa", "#12b76a", "#9e77ed"};

  /**
   * One version's line.
   *
   * @param version the pod-template hash
   * @param image the revision's image
   * @param color the line's colour
   * @param line the polyline's points ("x,y x,y ...")
   * @param last the latest success rate, as a percentage, or "no traffic"
   * @param requests requests in the last 10 seconds
   */
  public record Series(
      String version, String image, String color, String line, String last, long requests) {}

  /** The charts of every Service carrying the revisions in {@code images} (hash to image). */
  static List<TrafficChart> of(ProxyMetrics metrics, String namespace, Map<String, String> images) {
    List<TrafficChart> charts = new ArrayList<>();
    for (String service : metrics.services()) {
      if (!service.startsWith(namespace + "/")) {
        continue;
      }
      List<String> versions =
          images.keySet().stream().filter(metrics.versions(service)::contains).toList();
      if (versions.isEmpty()) {
        continue;
      }
      double low = 1;
      List<List<OptionalDouble>> histories = new ArrayList<>();
      for (String v : versions) {
        List<OptionalDouble> h =
            metrics.successRateHistory(service, v, Duration.ofSeconds(STEP_SECONDS), POINTS);
        histories.add(h);
        for (OptionalDouble d : h) {
          if (d.isPresent()) {
            low = Math.min(low, d.getAsDouble());
          }
        }
      }
      low = Math.min(0.9, Math.floor(low * 10) / 10); // 0.9 or a round value under the worst
      List<Series> series = new ArrayList<>();
      for (int i = 0; i < versions.size(); i++) {
        String v = versions.get(i);
        List<OptionalDouble> h = histories.get(i);
        OptionalDouble latest = metrics.successRate(service, v, Duration.ofSeconds(10));
        series.add(
            new Series(
                v,
                images.get(v),
                COLORS[i % COLORS.length],
                line(h, low),
                latest.isPresent()
                    ? String.format(Locale.ROOT, "%.1f%%", latest.getAsDouble() * 100)
                    : "no traffic",
                metrics.requests(service, v, Duration.ofSeconds(10))));
      }
      charts.add(
          new TrafficChart(service, series, String.format(Locale.ROOT, "%.0f%%", low * 100)));
    }
    return charts;
  }

  private static String line(List<OptionalDouble> history, double low) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < history.size(); i++) {
      OptionalDouble d = history.get(i);
      if (d.isEmpty()) {
        continue;
      }
      double x = i * (WIDTH - 10.0) / (history.size() - 1) + 5;
      double y = 5 + (1 - (d.getAsDouble() - low) / (1 - low)) * (HEIGHT - 10.0);
      b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }
    return b.toString();
  }
}
